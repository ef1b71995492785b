// The migrations in prisma/migrations/ build exactly the database prisma/schema.prisma describes (tables,
// columns with their types and nullability, primary keys, unique and plain indexes, foreign keys), and
// they are recorded in `_prisma_migrations` as Prisma's engine records them, once, however many
// processes start together.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS_DIR } from '../../apps/api/src/database/database.service';
import { migrate, readMigrations } from '../../apps/api/src/database/migrator';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { get_dmmf } = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };

jest.setTimeout(60_000);

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: Array<{ name: string }>;
}

const schema = readFileSync(join(__dirname, '../../prisma/schema.prisma'), 'utf8');
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as {
  datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] };
};
const models = dmmf.datamodel.models;
const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (model: DmmfModel, field: string) => {
  const found = model.fields.find((f) => f.name === field)!;
  return found.dbName ?? found.name;
};

// What information_schema calls each Prisma type (native type first, then the scalar's default).
function expectedType(field: DmmfField): string {
  const native = field.nativeType?.[0];
  const args = field.nativeType?.[1] ?? [];
  switch (native) {
    case 'Uuid':
      return 'uuid';
    case 'VarChar':
      return `character varying(${args[0]})`;
    case 'Char':
      return `character(${args[0]})`;
    case 'Timestamptz':
      return 'timestamp with time zone';
    case 'Json':
      return 'json';
  }
  return {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    DateTime: 'timestamp without time zone',
    Json: 'jsonb',
  }[field.type]!;
}

// A scalar list (`String[]`) is an array column, which Prisma's migrations create nullable whatever the
// schema says (prisma/migrate#519); udt_name names an array type by its element type with a leading `_`.
function columnType(field: DmmfField): string {
  if (field.isList) return `${expectedType(field)}[] NULL`;
  return `${expectedType(field)} ${field.isRequired ? 'NOT NULL' : 'NULL'}`;
}

describe('migrations', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const migrations = await readMigrations(MIGRATIONS_DIR);
    // Three processes starting together on an empty database: the advisory lock lets one migrate.
    const results = await Promise.all(
      [1, 2, 3].map(() => migrate({ connectionString: database.url! }, migrations)),
    );
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, migrations.length]);
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('records each migration once, finished, with the sha256 of its SQL', async () => {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(
      rows.map((r) => [
        r.migration_name,
        r.checksum,
        r.finished_at !== null,
        r.rolled_back_at,
        r.applied_steps_count,
      ]),
    ).toEqual(migrations.map((m) => [m.name, m.checksum, true, null, 1]));
  });

  it('creates exactly the tables and columns of schema.prisma', async () => {
    const { rows } = await client.query(`
      SELECT c.table_name, c.column_name, c.is_nullable,
             CASE WHEN c.data_type = 'character varying' THEN 'character varying(' || c.character_maximum_length || ')'
                  WHEN c.data_type = 'character' THEN 'character(' || c.character_maximum_length || ')'
                  WHEN c.data_type = 'ARRAY' THEN substr(c.udt_name, 2) || '[]'
                  ELSE c.data_type END AS type
        FROM information_schema.columns c
       WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'
       ORDER BY c.table_name, c.column_name`);
    const actual = rows.map(
      (r) => `${r.table_name}.${r.column_name} ${r.type} ${r.is_nullable === 'NO' ? 'NOT NULL' : 'NULL'}`,
    );
    const expected = models
      .flatMap((model) =>
        model.fields
          .filter((field) => field.kind === 'scalar')
          .map((field) => `${tableOf(model)}.${field.dbName ?? field.name} ${columnType(field)}`),
      )
      .sort((a, b) => (a.split(' ')[0]! < b.split(' ')[0]! ? -1 : 1));
    expect(actual).toEqual(expected);
  });

  it('has the primary keys, unique and plain indexes of schema.prisma', async () => {
    const { rows } = await client.query(`
      SELECT t.relname AS table_name, i.indisprimary AS is_primary, i.indisunique AS is_unique,
             array_agg(a.attname::text ORDER BY k.ordinality) AS columns
        FROM pg_index i
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
        JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality) ON true
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE t.relname <> '_prisma_migrations'
       GROUP BY t.relname, i.indexrelid, i.indisprimary, i.indisunique`);
    const describe = (table: string, kind: string, columns: string[]) =>
      `${table} ${kind} (${columns.join(', ')})`;
    const actual = rows
      .map((r) => describe(r.table_name, r.is_primary ? 'id' : r.is_unique ? 'unique' : 'normal', r.columns))
      .sort();
    const expected = dmmf.datamodel.indexes
      .map((index) => {
        const model = models.find((m) => m.name === index.model)!;
        return describe(
          tableOf(model),
          index.type,
          index.fields.map((f) => columnOf(model, f.name)),
        );
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it('has the foreign keys of schema.prisma, with their ON DELETE rules', async () => {
    const { rows } = await client.query(`
      SELECT tc.table_name, kcu.column_name, ccu.table_name AS target_table, ccu.column_name AS target_column, rc.delete_rule
        FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
        JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`);
    const actual = rows
      .map(
        (r) =>
          `${r.table_name}.${r.column_name} -> ${r.target_table}.${r.target_column} ON DELETE ${r.delete_rule}`,
      )
      .sort();
    const rule: Record<string, string> = {
      Cascade: 'CASCADE',
      SetNull: 'SET NULL',
      Restrict: 'RESTRICT',
      NoAction: 'NO ACTION',
    };
    const expected = models
      .flatMap((model) =>
        model.fields
          .filter((field) => field.kind === 'object' && (field.relationFromFields?.length ?? 0) > 0)
          .map((field) => {
            const target = models.find((m) => m.name === field.type)!;
            return `${tableOf(model)}.${columnOf(model, field.relationFromFields![0]!)} -> ${tableOf(target)}.${columnOf(target, field.relationToFields![0]!)} ON DELETE ${rule[field.relationOnDelete ?? 'NoAction']}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it('applies nothing the second time', async () => {
    const result = await migrate({ connectionString: database.url! }, await readMigrations(MIGRATIONS_DIR));
    expect(result.applied).toEqual([]);
  });
});
