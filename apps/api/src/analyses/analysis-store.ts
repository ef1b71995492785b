// The statements of the hot paths (bench/README.md, "HTTP"), in SQL of their own on the pg pool under
// Prisma (no query-engine work per request): storing an analysis costs, beyond reading its inventory, one
// statement that finds each workload's previous analysis through the (kind, namespace, name,
// inventory_name, created_at) index and one that inserts the analysis and all its workload rows (one
// statement is one transaction) and reads back the name of the token that stored it; reading analyses back
// (REST's GET, GraphQL's batches) is one statement too. Column names are checked against schema.prisma by
// test/e2e/database-schema.spec.ts.
import { Injectable } from '@nestjs/common';
import { type WorkloadFootprint } from '@podfit/scheduling';
import { DatabaseService } from '../database/database.service';

export interface WorkloadKey {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface PreviousWorkload {
  readonly id: string;
  readonly analysisId: string;
  readonly createdAt: Date;
  readonly footprint: WorkloadFootprint;
}

export interface AnalysisRecord {
  readonly id: string;
  readonly createdAt: Date;
  readonly labels: Record<string, string>;
  readonly manifest: object;
  readonly manifestSha256: string;
  readonly fieldValidation: string;
  readonly inventoryId: string | null;
  readonly inventoryName: string | null;
  readonly inventoryVersion: number | null;
  readonly snapshotId: string | null;
  readonly result: object;
  readonly idempotencyKey: string | null;
  readonly requestSha256: string;
  /** The API token storing it; null when the server runs open. */
  readonly tokenId: string | null;
}

/** One analysis_workloads row, as JSON for jsonb_to_recordset (bigints as strings, to stay exact). */
export interface WorkloadRecord {
  readonly ordinal: number;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number | null;
  readonly is_valid: boolean;
  readonly qos_class: string | null;
  readonly cpu_millis: string | null;
  readonly memory_bytes: string | null;
  readonly requests: object | null;
  readonly limits: object | null;
  readonly feasible_nodes: number | null;
  readonly total_nodes: number | null;
  readonly is_schedulable: boolean | null;
  readonly previous_workload_id: string | null;
  readonly change: object | null;
}

/** A stored analysis as its views need it. */
export interface StoredAnalysis {
  readonly id: string;
  readonly createdAt: Date;
  readonly labels: Record<string, string>;
  readonly manifestSha256: string;
  readonly fieldValidation: string;
  readonly inventoryName: string | null;
  readonly inventoryVersion: number | null;
  readonly snapshotId: string | null;
  readonly result: object;
  /** Only when asked for (per-node verdicts are recomputed from it): it can be megabytes. */
  readonly manifest: object | null;
  readonly token: { readonly id: string; readonly name: string } | null;
  /** Each workload's change since its previous analysis, in workload order. */
  readonly changes: ReadonlyArray<object | null>;
}

interface StoredRow {
  id: string;
  created_at: Date;
  labels: Record<string, string>;
  manifest_sha256: string;
  field_validation: string;
  inventory_name: string | null;
  inventory_version: number | null;
  snapshot_id: string | null;
  result: object;
  manifest: object | null;
  token_id: string | null;
  token_name: string | null;
  changes: Array<object | null>;
}

// pg returns bigint (int8) columns as strings, which keeps them exact.
interface PreviousRow {
  ordinal: string;
  id: string;
  analysis_id: string;
  created_at: Date;
  replicas: number | null;
  requests: Record<string, string> | null;
  limits: Record<string, string> | null;
  qos_class: string | null;
  feasible_nodes: number | null;
}

@Injectable()
export class AnalysisStore {
  constructor(private readonly database: DatabaseService) {}

  /** For each key, the newest stored workload with it against the same inventory (or none), if any. */
  async previousWorkloads(
    keys: readonly WorkloadKey[],
    inventoryName: string | null,
  ): Promise<Array<PreviousWorkload | null>> {
    if (keys.length === 0) return [];
    const sameInventory = inventoryName === null ? 'w.inventory_name IS NULL' : 'w.inventory_name = $4';
    const { rows } = await this.database.pool.query<PreviousRow>(
      `SELECT k.ordinal, p.*
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(kind, namespace, name, ordinal)
        CROSS JOIN LATERAL (
          SELECT w.id, w.analysis_id, w.created_at, w.replicas, w.requests, w.limits, w.qos_class, w.feasible_nodes
            FROM analysis_workloads w
           WHERE w.kind = k.kind AND w.namespace = k.namespace AND w.name = k.name AND ${sameInventory}
           ORDER BY w.created_at DESC, w.id DESC
           LIMIT 1) p`,
      [
        keys.map((k) => k.kind),
        keys.map((k) => k.namespace),
        keys.map((k) => k.name),
        ...(inventoryName === null ? [] : [inventoryName]),
      ],
    );
    const previous: Array<PreviousWorkload | null> = keys.map(() => null);
    for (const row of rows) {
      previous[Number(row.ordinal) - 1] = {
        id: row.id,
        analysisId: row.analysis_id,
        createdAt: row.created_at,
        footprint: {
          replicas: row.replicas,
          requests: row.requests ?? {},
          limits: row.limits ?? {},
          qosClass: row.qos_class,
          feasibleNodes: row.feasible_nodes,
        },
      };
    }
    return previous;
  }

  /**
   * Stores the analysis and its workloads in one statement: all of it, or (on any error) none. Returns the
   * name of the token that stored it (null without one), read in the same statement.
   */
  async insert(analysis: AnalysisRecord, workloads: readonly WorkloadRecord[]): Promise<string | null> {
    const a = analysis;
    // A data-modifying WITH runs whether or not the outer SELECT reads it.
    const { rows } = await this.database.pool.query<{ token_name: string | null }>(
      `WITH analysis AS (
         INSERT INTO analyses (id, created_at, labels, manifest, manifest_sha256, field_validation, inventory_id,
                               inventory_name, inventory_version, snapshot_id, result, idempotency_key, request_sha256,
                               token_id)
         VALUES ($1::uuid, $2, $3::jsonb, $4::jsonb, $5, $6, $7::uuid, $8, $9::int, $10::uuid, $11::jsonb, $12, $13,
                 $15::uuid)
         RETURNING id, created_at, inventory_name),
       workloads AS (
         INSERT INTO analysis_workloads (analysis_id, ordinal, created_at, inventory_name, kind, namespace, name,
                                         replicas, is_valid, qos_class, cpu_millis, memory_bytes, requests, limits,
                                         feasible_nodes, total_nodes, is_schedulable, previous_workload_id, change)
         SELECT analysis.id, w.ordinal, analysis.created_at, analysis.inventory_name, w.kind, w.namespace, w.name,
                w.replicas, w.is_valid, w.qos_class, w.cpu_millis, w.memory_bytes, w.requests, w.limits,
                w.feasible_nodes, w.total_nodes, w.is_schedulable, w.previous_workload_id, w.change
           FROM analysis, jsonb_to_recordset($14::jsonb) AS w(
                ordinal int, kind text, namespace text, name text, replicas int, is_valid boolean, qos_class text,
                cpu_millis bigint, memory_bytes bigint, requests jsonb, limits jsonb, feasible_nodes int,
                total_nodes int, is_schedulable boolean, previous_workload_id bigint, change jsonb))
       SELECT (SELECT name FROM api_tokens WHERE id = $15::uuid) AS token_name`,
      [
        a.id,
        a.createdAt,
        JSON.stringify(a.labels),
        JSON.stringify(a.manifest),
        a.manifestSha256,
        a.fieldValidation,
        a.inventoryId,
        a.inventoryName,
        a.inventoryVersion,
        a.snapshotId,
        JSON.stringify(a.result),
        a.idempotencyKey,
        a.requestSha256,
        JSON.stringify(workloads),
        a.tokenId,
      ],
    );
    return rows[0]?.token_name ?? null;
  }

  /** The analyses with these ids (those that exist, in no particular order), with the manifest if asked. */
  async readStored(ids: readonly string[], withManifest: boolean): Promise<StoredAnalysis[]> {
    const { rows } = await this.database.pool.query<StoredRow>(
      `SELECT a.id, a.created_at, a.labels, a.manifest_sha256, a.field_validation, a.inventory_name,
              a.inventory_version, a.snapshot_id, a.result, CASE WHEN $2::boolean THEN a.manifest END AS manifest,
              t.id AS token_id, t.name AS token_name,
              COALESCE((SELECT json_agg(w.change ORDER BY w.ordinal)
                          FROM analysis_workloads w WHERE w.analysis_id = a.id), '[]'::json) AS changes
         FROM analyses a LEFT JOIN api_tokens t ON t.id = a.token_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids, withManifest],
    );
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      labels: row.labels,
      manifestSha256: row.manifest_sha256,
      fieldValidation: row.field_validation,
      inventoryName: row.inventory_name,
      inventoryVersion: row.inventory_version,
      snapshotId: row.snapshot_id,
      result: row.result,
      manifest: row.manifest,
      token: row.token_id === null ? null : { id: row.token_id, name: row.token_name! },
      changes: row.changes,
    }));
  }
}
