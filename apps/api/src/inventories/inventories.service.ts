// Inventories: named, versioned sets of nodes and bound pods. Every change bumps `version` (the ETag);
// a change of nodes or pods writes a new immutable snapshot, so analyses made against an older version
// keep pointing at exactly what they saw.
import { Injectable } from '@nestjs/common';
import { ManifestError, readBoundPods, readNodes } from '@podfit/manifests';
import {
  describeNodeAllocation,
  isDNS1123Subdomain,
  parseLabelSelector,
  LabelSelectorError,
  type ClusterState,
  type Node,
  type NodeAllocation,
  type Pod,
} from '@podfit/scheduling';
import { checkIfMatch } from '../common/etag';
import { manifestSource, type ManifestInput } from '../common/manifest-input';
import { DatabaseService } from '../database/database.service';
import { isUniqueViolation } from '../errors/database-errors';
import { AppError } from '../errors/error-codes';
import { Prisma } from '../generated/prisma/client';
import { INVENTORY_NAME_RULE, type CreateInventoryDto, type InventoryContentDto } from './dto/inventory.dto';
import { InventorySnapshotsService } from './inventory-snapshots.service';
import { type InventoryView } from './inventory.view';

type IfMatch = number[] | 'any' | null;

/** An inventory as an analysis uses it: its current version and the cluster state of its snapshot. */
export interface ResolvedInventory {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly snapshotId: string;
  readonly cluster: ClusterState;
}

const INVENTORY_SELECT = {
  id: true,
  name: true,
  description: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  snapshots: { orderBy: { version: 'desc' }, take: 1, select: { id: true, nodeCount: true, podCount: true } },
} satisfies Prisma.InventorySelect;

type InventoryRow = Prisma.InventoryGetPayload<{ select: typeof INVENTORY_SELECT }>;

// Writing 5,000 nodes in one transaction takes longer than Prisma's 5 s default on a busy machine.
const WRITE_TRANSACTION = { maxWait: 5_000, timeout: 60_000 };

@Injectable()
export class InventoriesService {
  constructor(
    private readonly database: DatabaseService,
    private readonly snapshots: InventorySnapshotsService,
  ) {}

  async create(dto: CreateInventoryDto): Promise<InventoryView> {
    const { nodes, pods } = readContent(dto.nodes, dto.pods);
    try {
      await this.database.prisma.$transaction(async (tx) => {
        const inventory = await tx.inventory.create({
          data: { name: dto.name, description: dto.description ?? '' },
          select: { id: true },
        });
        await this.snapshots.write(tx, inventory.id, 1, nodes, pods);
      }, WRITE_TRANSACTION);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('inventory-exists', `inventory "${dto.name}" already exists`, [
          { path: 'name', message: 'already exists' },
        ]);
      }
      throw error;
    }
    return this.get(dto.name);
  }

  async list(): Promise<InventoryView[]> {
    const rows = await this.database.prisma.inventory.findMany({
      select: INVENTORY_SELECT,
      orderBy: { name: 'asc' },
    });
    return rows.map(view);
  }

  async get(name: string): Promise<InventoryView> {
    return view(await this.find(name));
  }

  /** Replaces description, nodes and pods (what is left out becomes empty); creates when missing. */
  async replace(
    name: string,
    dto: InventoryContentDto,
    ifMatch: IfMatch,
  ): Promise<{ view: InventoryView; isNew: boolean }> {
    const existing = await this.database.prisma.inventory.findUnique({
      where: { name },
      select: { id: true },
    });
    if (existing === null) {
      if (ifMatch !== null) throw notFound(name);
      if (!isDNS1123Subdomain(name)) {
        throw new AppError('malformed-input', `name ${INVENTORY_NAME_RULE}`, [
          { path: 'name', message: INVENTORY_NAME_RULE },
        ]);
      }
      return { view: await this.create({ ...dto, name }), isNew: true };
    }
    const { nodes, pods } = readContent(dto.nodes, dto.pods);
    await this.change(name, ifMatch, { description: dto.description ?? '', content: { nodes, pods } });
    return { view: await this.get(name), isNew: false };
  }

  /** Changes what `dto` names, keeping the rest. */
  async patch(name: string, dto: InventoryContentDto, ifMatch: IfMatch): Promise<InventoryView> {
    if (dto.nodes === undefined && dto.pods === undefined) {
      if (dto.description === undefined) {
        const current = await this.get(name);
        checkIfMatch(ifMatch, current.version, `inventory "${name}"`);
        return current;
      }
      await this.change(name, ifMatch, { description: dto.description });
      return this.get(name);
    }
    const current = await this.snapshots.load(await this.currentSnapshotId(name));
    const nodes = dto.nodes === undefined ? [...current.nodes] : parseNodes(dto.nodes);
    const pods = dto.pods === undefined ? keepBound(current.pods, nodes) : parsePods(dto.pods, nodes);
    await this.change(name, ifMatch, { description: dto.description, content: { nodes, pods } });
    return this.get(name);
  }

  async remove(name: string, ifMatch: IfMatch): Promise<void> {
    const inventory = await this.find(name);
    checkIfMatch(ifMatch, inventory.version, `inventory "${name}"`);
    const deleted = await this.database.prisma.inventory.deleteMany({
      where: {
        id: inventory.id,
        ...(ifMatch === null || ifMatch === 'any' ? {} : { version: inventory.version }),
      },
    });
    if (deleted.count === 0) throw notFound(name);
  }

  /** Per node, what `kubectl describe node` shows under "Allocated resources". */
  async nodeAllocations(name: string, labelSelector: string | undefined): Promise<NodeAllocation[]> {
    let selector;
    try {
      selector = parseLabelSelector(labelSelector ?? '');
    } catch (error) {
      if (error instanceof LabelSelectorError) {
        throw new AppError('malformed-input', `labelSelector: ${error.message}`, [
          { path: 'labelSelector', message: error.message },
        ]);
      }
      throw error;
    }
    const snapshot = await this.snapshots.load(await this.currentSnapshotId(name));
    const podsByNode = new Map<string, Pod[]>();
    for (const pod of snapshot.pods) {
      const nodeName = pod.spec.nodeName ?? '';
      podsByNode.set(nodeName, [...(podsByNode.get(nodeName) ?? []), pod]);
    }
    return snapshot.nodes
      .filter((node) => selector.matches(node.metadata.labels))
      .map((node) => describeNodeAllocation(node, podsByNode.get(node.metadata.name) ?? []));
  }

  /** The inventory an analysis runs against, at its current version. */
  async resolve(name: string): Promise<ResolvedInventory> {
    // One statement on the hot path of every analysis: the inventory and its newest snapshot.
    const {
      rows: [row],
    } = await this.database.pool.query<{ id: string; name: string; version: number; snapshot_id: string }>(
      `SELECT i.id, i.name, i.version, s.id AS snapshot_id
         FROM inventories i
         JOIN LATERAL (SELECT id FROM inventory_snapshots
                        WHERE inventory_id = i.id ORDER BY version DESC LIMIT 1) s ON true
        WHERE i.name = $1`,
      [name],
    );
    if (row === undefined) throw notFound(name);
    const snapshot = await this.snapshots.load(row.snapshot_id);
    return {
      id: row.id,
      name: row.name,
      version: row.version,
      snapshotId: row.snapshot_id,
      cluster: snapshot.cluster,
    };
  }

  private async find(name: string): Promise<InventoryRow> {
    const row = await this.database.prisma.inventory.findUnique({
      where: { name },
      select: INVENTORY_SELECT,
    });
    if (row === null || row.snapshots.length === 0) throw notFound(name);
    return row;
  }

  private async currentSnapshotId(name: string): Promise<string> {
    return (await this.find(name)).snapshots[0]!.id;
  }

  // One transaction: bump the version only if it is still what the caller saw, then write the snapshot.
  private async change(
    name: string,
    ifMatch: IfMatch,
    update: { description?: string | undefined; content?: { nodes: Node[]; pods: Pod[] } },
  ): Promise<void> {
    const inventory = await this.find(name);
    checkIfMatch(ifMatch, inventory.version, `inventory "${name}"`);
    await this.database.prisma.$transaction(async (tx) => {
      const bumped = await tx.inventory.updateMany({
        where: { id: inventory.id, version: inventory.version },
        data: {
          version: { increment: 1 },
          ...(update.description === undefined ? {} : { description: update.description }),
        },
      });
      // Someone changed it since we read it: whatever If-Match said, this write was made for that version.
      if (bumped.count === 0) {
        const now = await tx.inventory.findUnique({ where: { id: inventory.id }, select: { version: true } });
        if (now === null) throw notFound(name);
        if (Array.isArray(ifMatch)) checkIfMatch(ifMatch, now.version, `inventory "${name}"`);
        throw new AppError(
          'version-conflict',
          `inventory "${name}" was changed by another request (now version ${now.version}); read it again and retry`,
          [{ message: 'current version', version: now.version }],
        );
      }
      if (update.content !== undefined) {
        await this.snapshots.write(
          tx,
          inventory.id,
          inventory.version + 1,
          update.content.nodes,
          update.content.pods,
        );
      }
    }, WRITE_TRANSACTION);
  }
}

function view(row: InventoryRow): InventoryView {
  const snapshot = row.snapshots[0];
  return {
    name: row.name,
    description: row.description,
    version: row.version,
    nodeCount: snapshot?.nodeCount ?? 0,
    podCount: snapshot?.podCount ?? 0,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function notFound(name: string): AppError {
  return new AppError('inventory-not-found', `inventory "${name}" not found`);
}

function readContent(nodesInput: ManifestInput | undefined, podsInput: ManifestInput | undefined) {
  const nodes = nodesInput === undefined ? [] : parseNodes(nodesInput);
  const pods = podsInput === undefined ? [] : parsePods(podsInput, nodes);
  return { nodes, pods };
}

function parseNodes(input: ManifestInput): Node[] {
  const nodes = readNodes([manifestSource('nodes', input)]);
  const seen = new Set<string>();
  const duplicates = nodes.filter((node) => seen.size === seen.add(node.metadata.name).size);
  if (duplicates.length > 0) {
    throw new ManifestError(
      'invalid-manifest',
      duplicates.map((node) => ({
        file: 'nodes',
        document: 0,
        path: 'metadata.name',
        message: `Duplicate value: ${JSON.stringify(node.metadata.name)}`,
      })),
    );
  }
  return nodes;
}

function parsePods(input: ManifestInput, nodes: readonly Node[]): Pod[] {
  return readBoundPods([manifestSource('pods', input)], new Set(nodes.map((node) => node.metadata.name)));
}

function keepBound(pods: readonly Pod[], nodes: readonly Node[]): Pod[] {
  const names = new Set(nodes.map((node) => node.metadata.name));
  return pods.filter((pod) => names.has(pod.spec.nodeName ?? ''));
}
