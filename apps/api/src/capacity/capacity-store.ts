// Capacity reports in PostgreSQL, in SQL of their own on the pg pool (as analysis-store.ts): one statement
// stores a report and reads back the name of the token that stored it, one reads a report, one lists a page.
// `report` is a json column, not jsonb: json keeps the text as written, so a report reads back with its
// keys in the core's order (`perNode` is "nodes in inventory order"; jsonb would sort keys by length), and
// a report of megabytes is stored without being converted. Column names are checked against schema.prisma
// by test/e2e/database-schema.spec.ts.
import { Injectable } from '@nestjs/common';
import { type CapacityReport, type CapacityReportKind } from '@podfit/scheduling';
import { type CursorPosition } from '../common/cursor';
import { DatabaseService } from '../database/database.service';

export interface CapacityReportRecord {
  readonly id: string;
  readonly kind: CapacityReportKind;
  readonly createdAt: Date;
  readonly inventoryId: string;
  readonly snapshotId: string;
  readonly inventoryName: string;
  readonly inventoryVersion: number;
  /** The API token storing it; null when the server runs open. */
  readonly tokenId: string | null;
  /** What the report was computed from: the manifest and templates as text, and the options. */
  readonly inputs: object;
  readonly report: CapacityReport;
  readonly fits: boolean | null;
  readonly workloadCount: number;
}

/** A stored report's columns as the views need them (the report itself only when asked for). */
export interface StoredCapacityReport {
  readonly id: string;
  readonly kind: CapacityReportKind;
  readonly createdAt: Date;
  readonly inventoryName: string;
  readonly inventoryVersion: number;
  readonly token: { readonly id: string; readonly name: string } | null;
  readonly fits: boolean | null;
  readonly workloadCount: number;
}

export interface StoredCapacityReportWithBody extends StoredCapacityReport {
  readonly report: CapacityReport;
}

export interface CapacityReportFilter {
  readonly kind?: CapacityReportKind | undefined;
  readonly inventory?: string | undefined;
  /** Only reports older than this position (newest-first order). */
  readonly after?: CursorPosition | undefined;
  readonly limit: number;
}

interface Row {
  id: string;
  kind: CapacityReportKind;
  created_at: Date;
  inventory_name: string;
  inventory_version: number;
  token_id: string | null;
  token_name: string | null;
  fits: boolean | null;
  workload_count: number;
  report?: CapacityReport;
}

const SUMMARY_COLUMNS = `r.id, r.kind, r.created_at, r.inventory_name, r.inventory_version, r.fits, r.workload_count,
       t.id AS token_id, t.name AS token_name`;

@Injectable()
export class CapacityStore {
  constructor(private readonly database: DatabaseService) {}

  /** Stores the report in one statement; returns the name of the token that stored it (null without one). */
  async insert(record: CapacityReportRecord): Promise<string | null> {
    const r = record;
    const { rows } = await this.database.pool.query<{ token_name: string | null }>(
      `WITH stored AS (
         INSERT INTO capacity_reports (id, kind, created_at, inventory_id, snapshot_id, inventory_name,
                                       inventory_version, token_id, inputs, report, fits, workload_count)
         VALUES ($1::uuid, $2, $3, $4::uuid, $5::uuid, $6, $7::int, $8::uuid, $9::jsonb, $10::json, $11, $12::int)
         RETURNING id)
       SELECT (SELECT name FROM api_tokens WHERE id = $8::uuid) AS token_name FROM stored`,
      [
        r.id,
        r.kind,
        r.createdAt,
        r.inventoryId,
        r.snapshotId,
        r.inventoryName,
        r.inventoryVersion,
        r.tokenId,
        JSON.stringify(r.inputs),
        JSON.stringify(r.report),
        r.fits,
        r.workloadCount,
      ],
    );
    return rows[0]?.token_name ?? null;
  }

  /** The report with this id, report included; null when there is none. */
  async read(id: string): Promise<StoredCapacityReportWithBody | null> {
    const { rows } = await this.database.pool.query<Row>(
      `SELECT ${SUMMARY_COLUMNS}, r.report
         FROM capacity_reports r LEFT JOIN api_tokens t ON t.id = r.token_id
        WHERE r.id = $1::uuid`,
      [id],
    );
    const row = rows[0];
    return row === undefined ? null : { ...stored(row), report: row.report! };
  }

  /** Up to `limit` reports, newest first (then by id), without their bodies. */
  async list(filter: CapacityReportFilter): Promise<StoredCapacityReport[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.kind !== undefined) where.push(`r.kind = ${param(filter.kind)}`);
    if (filter.inventory !== undefined) where.push(`r.inventory_name = ${param(filter.inventory)}`);
    if (filter.after !== undefined) {
      where.push(
        `(r.created_at, r.id) < (${param(filter.after.createdAt)}::timestamptz, ${param(filter.after.id)}::uuid)`,
      );
    }
    const { rows } = await this.database.pool.query<Row>(
      `SELECT ${SUMMARY_COLUMNS}
         FROM capacity_reports r LEFT JOIN api_tokens t ON t.id = r.token_id
        ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT ${param(filter.limit)}::int`,
      params,
    );
    return rows.map(stored);
  }
}

function stored(row: Row): StoredCapacityReport {
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.created_at,
    inventoryName: row.inventory_name,
    inventoryVersion: row.inventory_version,
    token: row.token_id === null ? null : { id: row.token_id, name: row.token_name! },
    fits: row.fits,
    workloadCount: row.workload_count,
  };
}
