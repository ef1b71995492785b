// Inventory snapshots: the nodes and bound pods of one inventory version, written once and never changed,
// so an analysis can be recomputed exactly later. Reading one back builds the scheduler's cluster state,
// kept in a small cache: a snapshot never changes, so neither does its state.
import { Injectable } from '@nestjs/common';
import { readBoundPods, readNodes } from '@podfit/manifests';
import { buildClusterState, type ClusterState, type Node, type Pod } from '@podfit/scheduling';
import { DatabaseService } from '../database/database.service';
import { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors/error-codes';

export interface LoadedSnapshot {
  readonly id: string;
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly cluster: ClusterState;
}

type Transaction = Prisma.TransactionClient;

const CACHE_SIZE = 8;
const ROWS_PER_STATEMENT = 2_000;

@Injectable()
export class InventorySnapshotsService {
  private readonly cache = new Map<string, Promise<LoadedSnapshot>>();

  constructor(private readonly database: DatabaseService) {}

  /** Writes a new snapshot holding `nodes` and `pods`; returns its id. */
  async write(
    tx: Transaction,
    inventoryId: string,
    version: number,
    nodes: readonly Node[],
    pods: readonly Pod[],
  ): Promise<string> {
    const snapshot = await tx.inventorySnapshot.create({
      data: { inventoryId, version, nodeCount: nodes.length, podCount: pods.length },
      select: { id: true },
    });
    // Thousands of rows go in as one JSON array per table (jsonb_to_recordset): Prisma's createMany would
    // compile and keep a plan of that size (~45 MB for 5,000 nodes, bench/README.md "HTTP").
    for (let start = 0; start < nodes.length; start += ROWS_PER_STATEMENT) {
      const rows = nodes.slice(start, start + ROWS_PER_STATEMENT).map((node, i) => nodeRow(node, start + i));
      await tx.$executeRaw`
        INSERT INTO nodes (snapshot_id, ordinal, name, labels, taints, unschedulable, allocatable, capacity)
        SELECT ${snapshot.id}::uuid, r.ordinal, r.name, r.labels, r.taints, r.unschedulable, r.allocatable, r.capacity
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(ordinal int, name text, labels jsonb,
               taints jsonb, unschedulable boolean, allocatable jsonb, capacity jsonb)`;
    }
    for (let start = 0; start < pods.length; start += ROWS_PER_STATEMENT) {
      const rows = pods.slice(start, start + ROWS_PER_STATEMENT).map((pod, i) => podRow(pod, start + i));
      await tx.$executeRaw`
        INSERT INTO bound_pods (snapshot_id, ordinal, namespace, name, node_name, phase, labels, pod)
        SELECT ${snapshot.id}::uuid, r.ordinal, r.namespace, r.name, r.node_name, r.phase, r.labels, r.pod
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(ordinal int, namespace text, name text,
               node_name text, phase text, labels jsonb, pod jsonb)`;
    }
    return snapshot.id;
  }

  /** The snapshot's nodes, pods and cluster state. */
  load(snapshotId: string): Promise<LoadedSnapshot> {
    const cached = this.cache.get(snapshotId);
    if (cached !== undefined) {
      this.cache.delete(snapshotId);
      this.cache.set(snapshotId, cached);
      return cached;
    }
    const loading = this.read(snapshotId);
    this.cache.set(snapshotId, loading);
    loading.catch(() => this.cache.delete(snapshotId));
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return loading;
  }

  private async read(snapshotId: string): Promise<LoadedSnapshot> {
    const prisma = this.database.prisma;
    // PostgreSQL writes each table back as the List `kubectl get -o json` prints, one text per table, and
    // it goes through the same reader as that output: the core's types with exact quantities, and no
    // per-row objects in between (the peak memory of loading 5,000 nodes, bench/README.md "HTTP").
    const [[snapshot], [nodes], [pods]] = await Promise.all([
      prisma.$queryRaw<
        Array<{ id: string }>
      >`SELECT id FROM inventory_snapshots WHERE id = ${snapshotId}::uuid`,
      prisma.$queryRaw<Array<{ items: string }>>`
        SELECT coalesce(json_agg(json_build_object(
                 'apiVersion', 'v1', 'kind', 'Node',
                 'metadata', json_build_object('name', name, 'labels', labels),
                 'spec', json_build_object('unschedulable', unschedulable, 'taints', taints),
                 'status', CASE WHEN allocatable IS NULL THEN json_build_object('capacity', capacity)
                                ELSE json_build_object('allocatable', allocatable, 'capacity', capacity) END)
               ORDER BY ordinal), '[]')::text AS items
          FROM nodes WHERE snapshot_id = ${snapshotId}::uuid`,
      prisma.$queryRaw<Array<{ items: string }>>`
        SELECT coalesce(json_agg(json_build_object(
                 'apiVersion', 'v1', 'kind', 'Pod',
                 'metadata', json_build_object('name', name, 'namespace', namespace, 'labels', labels))::jsonb
                 || pod
               ORDER BY ordinal), '[]')::text AS items
          FROM bound_pods WHERE snapshot_id = ${snapshotId}::uuid`,
    ]);
    if (snapshot === undefined) {
      throw new AppError('snapshot-not-found', `inventory snapshot ${snapshotId} no longer exists`);
    }
    const nodeList = readNodes([{ name: 'nodes', content: listText(nodes!.items) }]);
    const podList = readBoundPods(
      [{ name: 'pods', content: listText(pods!.items) }],
      new Set(nodeList.map((node) => node.metadata.name)),
    );
    return { id: snapshotId, nodes: nodeList, pods: podList, cluster: buildClusterState(nodeList, podList) };
  }
}

function nodeRow(node: Node, ordinal: number): object {
  return {
    ordinal,
    name: node.metadata.name,
    labels: node.metadata.labels ?? {},
    taints: node.spec?.taints ?? [],
    unschedulable: node.spec?.unschedulable ?? false,
    allocatable: node.status?.allocatable ?? null,
    capacity: node.status?.capacity ?? {},
  };
}

function podRow(pod: Pod, ordinal: number): object {
  return {
    ordinal,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    node_name: pod.spec.nodeName ?? '',
    phase: pod.status?.phase ?? '',
    labels: pod.metadata.labels ?? {},
    pod: { spec: pod.spec, ...(pod.status === undefined ? {} : { status: pod.status }) },
  };
}

function listText(items: string): string {
  return `{"apiVersion":"v1","kind":"List","items":${items}}`;
}
