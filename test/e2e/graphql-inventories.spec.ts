// Inventories over GraphQL on PostgreSQL, through the real HTTP server: every query and mutation with its
// whole answer; node allocation with the same quantities and percentages as REST's
// GET /v1/inventories/{name}/nodes, field by field; label selectors; errors with REST's codes, messages and
// details (HTTP 200); and the number of database statements a read costs, counted on `pg` itself.
import { dump } from 'js-yaml';
import { parseQuantity } from '@podfit/scheduling';
import { fixtureText, nodeList } from './support/fixtures';
import { countQueries } from './support/query-counter';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const nodesText = fixtureText('ok/nodes.json');
const podsText = fixtureText('ok/pods.json');
const nodes = JSON.parse(nodesText) as { items: Array<{ metadata: { labels: Record<string, string> } }> };
const ISO_TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
// ok/pods.json holds 12 pods, of which 9 are bound to one of its nodes and not terminated.
const FIXTURE_POD_COUNT = 9;

const INVENTORY = 'name description version nodeCount podCount createdAt updatedAt';
const QUANTITY = '{ resource quantity value }';
const NODE = `name unschedulable labels { key value } podCount allocatablePods ${QUANTITY}
  allocatable ${QUANTITY} requested ${QUANTITY} limits ${QUANTITY} free ${QUANTITY}
  utilisation { resource requestsPercent limitsPercent }`;

interface Quantity {
  resource: string;
  quantity: string;
  value: number;
}
interface GraphQLNode {
  name: string;
  unschedulable: boolean;
  labels: Array<{ key: string; value: string }>;
  podCount: number;
  allocatablePods: Quantity | null;
  allocatable: Quantity[];
  requested: Quantity[];
  limits: Quantity[];
  free: Quantity[];
  utilisation: Array<{ resource: string; requestsPercent: number; limitsPercent: number }>;
}
interface GraphQLError {
  message: string;
  locations: Array<{ line: number; column: number }>;
  path: string[];
  extensions: { code: string; details: unknown[] };
}
interface GraphQLBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** An inventory as GraphQL and REST return it. */
function inventory(name: string, version: number, nodeCount: number, podCount: number, description = '') {
  return { name, description, version, nodeCount, podCount, createdAt: ISO_TIME, updatedAt: ISO_TIME };
}

/** A quantity with its number in base units (millicores for cpu). */
function q(resource: string, quantity: string, value: number): Quantity {
  return { resource, quantity, value };
}

/** The answer to a failing operation whose only field is `field`, at the place `query` names it. */
function failure(query: string, field: string, code: string, message: string, details: unknown[] = []) {
  const offset = query.indexOf(`${field}(`);
  const before = query.slice(0, offset).split('\n');
  return {
    errors: [
      {
        message,
        locations: [{ line: before.length, column: before[before.length - 1]!.length + 1 }],
        path: [field],
        extensions: { code, details },
      },
    ],
    data: null,
  };
}

/**
 * A GraphQL node in the shape of REST's NodeAllocation: the lists zipped back into rows, which is how
 * REST and GraphQL are compared field by field. It throws if the lists do not describe the same resources
 * in the same order.
 */
function asRestNode(node: GraphQLNode) {
  const resources = node.allocatable.map((allocatable, i) => {
    const rows = [node.requested[i], node.limits[i], node.free[i], node.utilisation[i]];
    for (const row of rows) {
      if (row?.resource !== allocatable.resource) throw new Error(`row ${i} of ${node.name} is misaligned`);
    }
    return {
      resource: allocatable.resource,
      allocatable: allocatable.quantity,
      requests: node.requested[i]!.quantity,
      limits: node.limits[i]!.quantity,
      free: node.free[i]!.quantity,
      requestsPercent: node.utilisation[i]!.requestsPercent,
      limitsPercent: node.utilisation[i]!.limitsPercent,
    };
  });
  const lists = [node.requested, node.limits, node.free, node.utilisation];
  if (lists.some((list) => list.length !== resources.length)) throw new Error(`${node.name}: list lengths`);
  return {
    name: node.name,
    unschedulable: node.unschedulable,
    labels: Object.fromEntries(node.labels.map(({ key, value }) => [key, value])),
    podCount: node.podCount,
    allocatablePods: node.allocatablePods?.quantity ?? null,
    resources,
  };
}

/** Each quantity's number as Quantity.MilliValue (cpu) or Value (the rest) gives it. */
function valuesAreBaseUnits(node: GraphQLNode): boolean {
  const quantities = [node.allocatable, node.requested, node.limits, node.free].flat();
  if (node.allocatablePods !== null) quantities.push(node.allocatablePods);
  return quantities.every(({ resource, quantity, value }) => {
    const parsed = parseQuantity(quantity);
    return value === Number(resource === 'cpu' ? parsed.milliValue() : parsed.value());
  });
}

/** A `kubectl get pods -A -o json` List of running pods, each bound to a node. */
function boundPods(pods: Array<{ name: string; node: string; cpu: string; memory: string }>): object {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: pods.map(({ name, node, cpu, memory }) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'e2e' },
      spec: {
        nodeName: node,
        containers: [
          { name: 'app', image: 'registry.example.com/app:1', resources: { requests: { cpu, memory } } },
        ],
      },
      status: { phase: 'Running' },
    })),
  };
}

describe('inventories over GraphQL', () => {
  let database: TestDatabase;
  let server: TestApp;

  /** POSTs one operation to /graphql; every answer here is HTTP 200 unless `status` says otherwise. */
  async function graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    status = 200,
  ): Promise<GraphQLBody<T>> {
    const res = await server.http().post('/graphql').send({ query, variables });
    expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({
      status,
      contentType: 'application/json; charset=utf-8',
    });
    return res.body as GraphQLBody<T>;
  }

  async function nodesOf(name: string, labelSelector?: string): Promise<GraphQLNode[]> {
    const body = await graphql<{ inventory: { nodes: GraphQLNode[] } }>(
      `query ($name: String!, $labelSelector: String) {
        inventory(name: $name) { nodes(labelSelector: $labelSelector) { ${NODE} } }
      }`,
      { name, labelSelector },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.inventory.nodes;
  }

  async function restNodesOf(name: string, labelSelector?: string): Promise<unknown[]> {
    const res = await server
      .http()
      .get(`/v1/inventories/${name}/nodes`)
      .query(labelSelector === undefined ? {} : { labelSelector })
      .expect(200);
    return (res.body as { items: unknown[] }).items;
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  describe('createInventory, inventories, inventory', () => {
    const create = `mutation ($input: CreateInventoryInput!) { createInventory(input: $input) { ${INVENTORY} } }`;

    it('createInventory takes the text of `kubectl get nodes|pods -o json` and answers the new inventory', async () => {
      const body = await graphql(create, {
        input: { name: 'prod', description: 'production', nodes: nodesText, pods: podsText },
      });
      expect(body).toEqual({
        data: { createInventory: inventory('prod', 1, 6, FIXTURE_POD_COUNT, 'production') },
      });
    });

    it('createInventory takes `-o yaml` text too, and its nodes are the same as from JSON', async () => {
      const body = await graphql(create, {
        input: { name: 'from-yaml', nodes: dump(nodes), pods: dump(JSON.parse(podsText)) },
      });
      expect(body).toEqual({ data: { createInventory: inventory('from-yaml', 1, 6, FIXTURE_POD_COUNT) } });
      expect(await nodesOf('from-yaml')).toEqual(await nodesOf('prod'));
    });

    it('createInventory of a taken name is inventory-exists, with REST’s message and details', async () => {
      const body = await graphql(create, { input: { name: 'prod' } });
      expect(body).toEqual(
        failure(create, 'createInventory', 'inventory-exists', 'inventory "prod" already exists', [
          { path: 'name', message: 'already exists' },
        ]),
      );
    });

    it.each([
      ['a name with upper case and an underscore', { name: 'Prod_1' }],
      ['a name with a space', { name: 'a b' }],
      ['a description over 4096 characters', { name: 'long', description: 'x'.repeat(4097) }],
    ])('createInventory refuses %s exactly as REST does: malformed-input', async (_what, input) => {
      const rest = await server.http().post('/v1/inventories').send(input).expect(400);
      const body = await graphql(create, { input });
      expect(body).toEqual(
        failure(create, 'createInventory', 'malformed-input', rest.body.message, rest.body.details),
      );
      expect(rest.body.details).toHaveLength(1);
    });

    it('inventories lists every inventory by name, as REST does', async () => {
      const body = await graphql(`{ inventories { ${INVENTORY} } }`);
      expect(body).toEqual({
        data: {
          inventories: [
            inventory('from-yaml', 1, 6, FIXTURE_POD_COUNT),
            inventory('prod', 1, 6, FIXTURE_POD_COUNT, 'production'),
          ],
        },
      });
      const rest = await server.http().get('/v1/inventories').expect(200);
      expect((body.data as { inventories: unknown[] }).inventories).toEqual(rest.body.items);
    });

    it('inventory(name) answers one inventory, the same as REST', async () => {
      const body = await graphql(`{ inventory(name: "prod") { ${INVENTORY} } }`);
      expect(body).toEqual({ data: { inventory: inventory('prod', 1, 6, FIXTURE_POD_COUNT, 'production') } });
      const rest = await server.http().get('/v1/inventories/prod').expect(200);
      expect((body.data as { inventory: unknown }).inventory).toEqual(rest.body);
    });

    it('an unknown inventory is inventory-not-found with REST’s message, HTTP 200', async () => {
      const query = `{ inventory(name: "nowhere") { name nodes { name } } }`;
      expect(await graphql(query)).toEqual(
        failure(query, 'inventory', 'inventory-not-found', 'inventory "nowhere" not found'),
      );
    });

    it('the list has no nodes (one read however many inventories): asking for them is refused before any statement', async () => {
      const { result, queries } = await countQueries(() =>
        graphql('{ inventories { name nodes { name } } }', {}, 400),
      );
      expect(result).toEqual({
        errors: [
          {
            message: 'Cannot query field "nodes" on type "InventorySummary".',
            locations: [{ line: 1, column: 22 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      });
      expect(queries).toBe(0);
    });
  });

  describe('inventory(name) { nodes }, as `kubectl describe node` shows "Allocated resources"', () => {
    it('answers cp-1 and worker-a with every quantity, its number and the truncated percentages', async () => {
      const [cp1, workerA] = await nodesOf('prod');
      const labels = (index: number) =>
        Object.entries(nodes.items[index]!.metadata.labels)
          .map(([key, value]) => ({ key, value }))
          .sort((a, b) => (a.key < b.key ? -1 : 1));
      const zero = (resource: string) => q(resource, '0', 0);
      // etcd 100m/100Mi, kube-apiserver 250m, kube-controller-manager 200m, kube-scheduler 100m: 650m of
      // 2 is 32.5% -> 32; 100Mi of 7923024Ki is 1.29% -> 1.
      expect(cp1).toEqual({
        name: 'cp-1',
        unschedulable: false,
        labels: labels(0),
        podCount: 4,
        allocatablePods: q('pods', '110', 110),
        allocatable: [
          q('cpu', '2', 2000),
          q('memory', '7923024Ki', 8113176576),
          q('ephemeral-storage', '74747430945', 74747430945),
          zero('hugepages-1Gi'),
          zero('hugepages-2Mi'),
        ],
        requested: [
          q('cpu', '650m', 650),
          q('memory', '100Mi', 104857600),
          zero('ephemeral-storage'),
          zero('hugepages-1Gi'),
          zero('hugepages-2Mi'),
        ],
        limits: [
          zero('cpu'),
          zero('memory'),
          zero('ephemeral-storage'),
          zero('hugepages-1Gi'),
          zero('hugepages-2Mi'),
        ],
        free: [
          q('cpu', '1350m', 1350),
          q('memory', '7820624Ki', 8008318976),
          q('ephemeral-storage', '74747430945', 74747430945),
          zero('hugepages-1Gi'),
          zero('hugepages-2Mi'),
        ],
        utilisation: [
          { resource: 'cpu', requestsPercent: 32, limitsPercent: 0 },
          { resource: 'memory', requestsPercent: 1, limitsPercent: 0 },
          { resource: 'ephemeral-storage', requestsPercent: 0, limitsPercent: 0 },
          { resource: 'hugepages-1Gi', requestsPercent: 0, limitsPercent: 0 },
          { resource: 'hugepages-2Mi', requestsPercent: 0, limitsPercent: 0 },
        ],
      });
      // coredns 100m/70Mi (limit 170Mi) + payments-api 3/8Gi (limit 8Gi): cpu 3100m of 3920m is 79.08%;
      // memory 8262Mi of 15242268Ki is 55.5%, limits 8362Mi 56.2%.
      expect(workerA).toMatchObject({ name: 'worker-a', podCount: 2 });
      expect([workerA!.requested[0], workerA!.requested[1], workerA!.limits[1], workerA!.free[1]]).toEqual([
        q('cpu', '3100m', 3100),
        q('memory', '8262Mi', 8663334912),
        q('memory', '8362Mi', 8768192512),
        q('memory', '6781980Ki', 6944747520),
      ]);
      expect(workerA!.utilisation.slice(0, 2)).toEqual([
        { resource: 'cpu', requestsPercent: 79, limitsPercent: 0 },
        { resource: 'memory', requestsPercent: 55, limitsPercent: 56 },
      ]);
    });

    it('gives every node the same quantities and percentages as REST, field by field', async () => {
      const graphqlNodes = await nodesOf('prod');
      expect(graphqlNodes.map((node) => node.name)).toEqual([
        'cp-1',
        'worker-a',
        'worker-b',
        'worker-c',
        'worker-d',
        'gpu-1',
      ]);
      expect(graphqlNodes.map(asRestNode)).toEqual(await restNodesOf('prod'));
      expect(graphqlNodes.filter((node) => !valuesAreBaseUnits(node))).toEqual([]);
    });

    it('shows an overcommitted node with negative free and over 100%, as REST does', async () => {
      const body = await graphql(
        `
          mutation ($nodes: String!, $pods: String!) {
            createInventory(input: { name: "tight", nodes: $nodes, pods: $pods }) {
              nodeCount
              podCount
            }
          }
        `,
        {
          nodes: JSON.stringify(nodeList([{ name: 'small', cpu: '1', memory: '1Gi' }])),
          pods: JSON.stringify(
            boundPods([
              { name: 'a', node: 'small', cpu: '900m', memory: '256Mi' },
              { name: 'b', node: 'small', cpu: '600m', memory: '256Mi' },
            ]),
          ),
        },
      );
      expect(body).toEqual({ data: { createInventory: { nodeCount: 1, podCount: 2 } } });
      const [small] = await nodesOf('tight');
      expect([small!.requested[0], small!.free[0], small!.free[1]]).toEqual([
        q('cpu', '1500m', 1500),
        q('cpu', '-500m', -500),
        q('memory', '512Mi', 536870912),
      ]);
      expect(small!.utilisation.slice(0, 2)).toEqual([
        { resource: 'cpu', requestsPercent: 150, limitsPercent: 0 },
        { resource: 'memory', requestsPercent: 50, limitsPercent: 0 },
      ]);
      expect([small].map((node) => asRestNode(node!))).toEqual(await restNodesOf('tight'));
    });

    it.each([
      ['topology.kubernetes.io/zone=eu-west-1c', ['worker-c', 'worker-d']],
      ['topology.kubernetes.io/zone in (eu-west-1a,eu-west-1b)', ['cp-1', 'worker-a', 'worker-b', 'gpu-1']],
      ['node-role.kubernetes.io/control-plane', ['cp-1']],
      [
        '!node-role.kubernetes.io/control-plane,topology.kubernetes.io/zone=eu-west-1a',
        ['worker-a', 'gpu-1'],
      ],
      ['nvidia.com/gpu.present=true,node.kubernetes.io/instance-type!=m6i.xlarge', ['gpu-1']],
      ['kubernetes.io/hostname=nowhere', []],
    ])('filters with labelSelector: %j, the same nodes as REST', async (selector, names) => {
      const selected = await nodesOf('prod', selector);
      expect(selected.map((node) => node.name)).toEqual(names);
      expect(selected.map(asRestNode)).toEqual(await restNodesOf('prod', selector));
    });

    it.each([
      ['a b=c', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
      ['x===y', "unable to parse requirement: found '=', expected: identifier"],
    ])(
      'refuses the bad selector %j: malformed-input naming labelSelector, as REST',
      async (selector, problem) => {
        const query = `query ($selector: String) { inventory(name: "prod") { name nodes(labelSelector: $selector) { name } } }`;
        const body = await graphql(query, { selector });
        const column = query.indexOf('nodes(') + 1;
        const expected = {
          message: `labelSelector: ${problem}`,
          extensions: { code: 'malformed-input', details: [{ path: 'labelSelector', message: problem }] },
        };
        expect(body).toEqual({
          errors: [{ ...expected, locations: [{ line: 1, column }], path: ['inventory', 'nodes'] }],
          data: null,
        });
        const rest = await server
          .http()
          .get('/v1/inventories/prod/nodes')
          .query({ labelSelector: selector })
          .expect(400);
        expect({
          message: rest.body.message,
          extensions: { code: rest.body.code, details: rest.body.details },
        }).toEqual(expected);
      },
    );
  });

  describe('importNodes, importPods, deleteInventory', () => {
    const importNodes = `mutation ($name: String!, $nodes: String!, $ifMatch: Int) {
      importNodes(name: $name, nodes: $nodes, ifMatch: $ifMatch) { ${INVENTORY} }
    }`;
    const importPods = `mutation ($name: String!, $pods: String!, $ifMatch: Int) {
      importPods(name: $name, pods: $pods, ifMatch: $ifMatch) { ${INVENTORY} }
    }`;
    const deleteInventory = `mutation ($name: String!, $ifMatch: Int) { deleteInventory(name: $name, ifMatch: $ifMatch) }`;

    beforeAll(async () => {
      await graphql(`
        mutation {
          createInventory(input: { name: "imported" }) {
            name
          }
        }
      `);
    });

    it('importNodes and importPods take kubectl’s text, bump the version, and give REST’s nodes', async () => {
      expect(await graphql(importNodes, { name: 'imported', nodes: nodesText, ifMatch: 1 })).toEqual({
        data: { importNodes: inventory('imported', 2, 6, 0) },
      });
      expect(await graphql(importPods, { name: 'imported', pods: dump(JSON.parse(podsText)) })).toEqual({
        data: { importPods: inventory('imported', 3, 6, FIXTURE_POD_COUNT) },
      });
      const imported = await nodesOf('imported');
      expect(imported.map(asRestNode)).toEqual(await restNodesOf('imported'));
      expect(imported).toEqual(await nodesOf('prod'));
    });

    it('a mutation’s answer can hold the nodes of the new version', async () => {
      const body = await graphql(
        `
          mutation ($nodes: String!) {
            importNodes(name: "imported", nodes: $nodes) {
              version
              podCount
              nodes(labelSelector: "kubernetes.io/hostname in (small,big)") {
                name
                podCount
              }
            }
          }
        `,
        {
          nodes: JSON.stringify(
            nodeList([
              { name: 'small', cpu: '1', memory: '1Gi' },
              { name: 'big', cpu: '8', memory: '32Gi' },
              { name: 'other', cpu: '8', memory: '32Gi' },
            ]),
          ),
        },
      );
      // The fixture's pods are bound to nodes this list lacks: none is kept.
      expect(body).toEqual({
        data: {
          importNodes: {
            version: 4,
            podCount: 0,
            nodes: [
              { name: 'small', podCount: 0 },
              { name: 'big', podCount: 0 },
            ],
          },
        },
      });
    });

    it('a stale ifMatch is version-conflict with REST’s message and details, and changes nothing', async () => {
      const body = await graphql(importNodes, { name: 'imported', nodes: nodesText, ifMatch: 3 });
      expect(body).toEqual(
        failure(
          importNodes,
          'importNodes',
          'version-conflict',
          'inventory "imported" is at version 4, not 3: it changed since you read it',
          [{ message: 'current version', version: 4 }],
        ),
      );
      const rest = await server
        .http()
        .put('/v1/inventories/imported/nodes')
        .set('if-match', '"3"')
        .set('content-type', 'application/json')
        .send(nodesText)
        .expect(412);
      expect(body.errors![0]!.extensions).toEqual({ code: rest.body.code, details: rest.body.details });
      expect(body.errors![0]!.message).toBe(rest.body.message);
      const pods = await graphql(importPods, { name: 'imported', pods: podsText, ifMatch: 3 });
      expect(pods).toEqual(
        failure(importPods, 'importPods', 'version-conflict', rest.body.message, rest.body.details),
      );
      expect(
        await graphql(`
          {
            inventory(name: "imported") {
              version
            }
          }
        `),
      ).toEqual({
        data: { inventory: { version: 4 } },
      });
    });

    it('an invalid node list is invalid-manifest with REST’s message and paths, and changes nothing', async () => {
      const text = fixtureText('bad/row-24-nodes-bad-quantity.json');
      const problem =
        'invalid quantity "abc": quantities must match the regular expression ' +
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
      const message = `the manifest is invalid (1 problem): nodes: document 0: items[3].status.allocatable.cpu: ${problem}`;
      const details = [
        { file: 'nodes', document: 0, path: 'items[3].status.allocatable.cpu', message: problem },
      ];
      const body = await graphql(importNodes, { name: 'imported', nodes: text, ifMatch: 4 });
      expect(body).toEqual(failure(importNodes, 'importNodes', 'invalid-manifest', message, details));
      const rest = await server
        .http()
        .put('/v1/inventories/imported/nodes')
        .set('content-type', 'application/json')
        .send(text)
        .expect(422);
      expect(rest.body).toEqual({ statusCode: 422, code: 'invalid-manifest', message, details });
      const create = `mutation ($nodes: String!) { createInventory(input: { name: "bad-quantity", nodes: $nodes }) { name } }`;
      expect(await graphql(create, { nodes: text })).toEqual(
        failure(create, 'createInventory', 'invalid-manifest', message, details),
      );
      expect(
        await graphql(`
          {
            inventories {
              name
              version
            }
          }
        `),
      ).toEqual({
        data: {
          inventories: [
            { name: 'from-yaml', version: 1 },
            { name: 'imported', version: 4 },
            { name: 'prod', version: 1 },
            { name: 'tight', version: 1 },
          ],
        },
      });
    });

    it('importNodes and importPods on an unknown inventory are inventory-not-found', async () => {
      expect(await graphql(importNodes, { name: 'nowhere', nodes: nodesText })).toEqual(
        failure(importNodes, 'importNodes', 'inventory-not-found', 'inventory "nowhere" not found'),
      );
      expect(await graphql(importPods, { name: 'nowhere', pods: podsText })).toEqual(
        failure(importPods, 'importPods', 'inventory-not-found', 'inventory "nowhere" not found'),
      );
    });

    it('deleteInventory: a stale ifMatch is version-conflict; then true, and the inventory is gone', async () => {
      expect(await graphql(deleteInventory, { name: 'imported', ifMatch: 1 })).toEqual(
        failure(
          deleteInventory,
          'deleteInventory',
          'version-conflict',
          'inventory "imported" is at version 4, not 1: it changed since you read it',
          [{ message: 'current version', version: 4 }],
        ),
      );
      expect(await graphql(deleteInventory, { name: 'imported', ifMatch: 4 })).toEqual({
        data: { deleteInventory: true },
      });
      const query = `{ inventory(name: "imported") { name } }`;
      const gone = 'inventory "imported" not found';
      expect(await graphql(query)).toEqual(failure(query, 'inventory', 'inventory-not-found', gone));
      expect(await graphql(deleteInventory, { name: 'imported' })).toEqual(
        failure(deleteInventory, 'deleteInventory', 'inventory-not-found', gone),
      );
      await server.http().get('/v1/inventories/imported').expect(404);
    });
  });

  describe('database statements per read', () => {
    const list = `{ inventories { ${INVENTORY} } }`;
    const oneWithNodes = `query ($name: String!) { inventory(name: $name) { ${INVENTORY} nodes { ${NODE} } } }`;

    it('inventories costs the same statements for 1 inventory as for 8', async () => {
      const names = Array.from({ length: 8 }, (_, i) => `count-${i}`);
      const createOne = (name: string) =>
        graphql(
          `
            mutation ($name: String!) {
              createInventory(input: { name: $name }) {
                name
              }
            }
          `,
          { name },
        );
      const counted = async () => {
        const { result, queries } = await countQueries(() => graphql<{ inventories: unknown[] }>(list));
        return { inventories: result.data!.inventories.length, queries };
      };
      // The test database is shared with the tests above: start from what is there.
      const before = await counted();
      for (const name of names) await createOne(name);
      const after = await counted();
      expect(after.inventories).toBe(before.inventories + names.length);
      expect(after.queries).toBe(before.queries);
      expect(after.queries).toBeLessThanOrEqual(2);
    });

    it('inventory { nodes } costs the same statements for 1 node as for 300 nodes with 600 pods', async () => {
      const bigNodes = Array.from({ length: 300 }, (_, i) => ({
        name: `node-${i}`,
        cpu: '4',
        memory: '16Gi',
      }));
      const bigPods = Array.from({ length: 600 }, (_, i) => ({
        name: `pod-${i}`,
        node: `node-${i % 300}`,
        cpu: '100m',
        memory: '128Mi',
      }));
      const create = `mutation ($input: CreateInventoryInput!) { createInventory(input: $input) { nodeCount podCount } }`;
      expect(
        await graphql(create, {
          input: { name: 'one-node', nodes: JSON.stringify(nodeList([bigNodes[0]!])) },
        }),
      ).toEqual({ data: { createInventory: { nodeCount: 1, podCount: 0 } } });
      expect(
        await graphql(create, {
          input: {
            name: 'many-nodes',
            nodes: JSON.stringify(nodeList(bigNodes)),
            pods: JSON.stringify(boundPods(bigPods)),
          },
        }),
      ).toEqual({ data: { createInventory: { nodeCount: 300, podCount: 600 } } });

      const read = async (name: string) => {
        const { result, queries } = await countQueries(() =>
          graphql<{ inventory: { nodes: unknown[] } }>(oneWithNodes, { name }),
        );
        return { nodes: result.data!.inventory.nodes.length, queries };
      };
      const one = await read('one-node');
      const many = await read('many-nodes');
      expect(one.nodes).toBe(1);
      expect(many.nodes).toBe(300);
      expect(many.queries).toBe(one.queries);
      // The inventory twice (its fields, then its current snapshot for `nodes`), each a statement for the
      // inventory and one for its newest snapshot row, and the snapshot's three reads (itself, its nodes,
      // its pods).
      expect(one.queries).toBeLessThanOrEqual(7);
    });
  });

  // Last: the first token ends open mode for this server, so every request after it needs one.
  describe('scopes', () => {
    it('a read token reads inventories; its mutations are forbidden (403 in REST), HTTP 200, and change nothing', async () => {
      const created = await server
        .http()
        .post('/v1/tokens')
        .send({ name: 'dashboard', scopes: ['read'] })
        .expect(201);
      const bearer = `Bearer ${(created.body as { token: string }).token}`;
      const asReader = (query: string) =>
        server.http().post('/graphql').set('authorization', bearer).send({ query }).expect(200);

      const read = await asReader(
        '{ inventory(name: "prod") { name version nodes(labelSelector: "node-role.kubernetes.io/control-plane") { name } } }',
      );
      expect(read.body).toEqual({
        data: { inventory: { name: 'prod', version: 1, nodes: [{ name: 'cp-1' }] } },
      });

      const create = 'mutation { createInventory(input: { name: "forbidden" }) { name } }';
      const refused = await asReader(create);
      expect(refused.body).toEqual(
        failure(
          create,
          'createInventory',
          'forbidden',
          'this needs the "admin" scope; token "dashboard" has read',
          [{ message: 'missing scope "admin"', requiredScope: 'admin' }],
        ),
      );
      const rest = await server
        .http()
        .post('/v1/inventories')
        .set('authorization', bearer)
        .send({ name: 'forbidden' })
        .expect(403);
      expect(refused.body.errors[0].extensions).toEqual({ code: rest.body.code, details: rest.body.details });
      const remove = 'mutation { deleteInventory(name: "prod") }';
      expect((await asReader(remove)).body).toEqual(
        failure(
          remove,
          'deleteInventory',
          'forbidden',
          'this needs the "admin" scope; token "dashboard" has read',
          [{ message: 'missing scope "admin"', requiredScope: 'admin' }],
        ),
      );
      expect((await asReader('{ inventories { name } }')).body.data.inventories).not.toContainEqual({
        name: 'forbidden',
      });
      await server.http().get('/v1/inventories/prod').set('authorization', bearer).expect(200);
    });
  });
});
