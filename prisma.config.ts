// Prisma CLI configuration (Prisma 7). Only `prisma generate` runs here; migrations are applied by
// apps/api/src/database/migrator.ts from the SQL in prisma/migrations/.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
