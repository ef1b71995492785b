// Counts the SQL statements the app sends, by wrapping `pg`'s Client.prototype.query in this process (the
// app under test runs in-process on PostgreSQL, and Prisma's pg adapter and the raw pool both end there).
import { Client } from 'pg';

/** Runs `work` and returns its result with the number of statements sent to PostgreSQL meanwhile. */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const original = Client.prototype.query;
  let queries = 0;
  Client.prototype.query = function countedQuery(this: Client, ...args: unknown[]) {
    queries += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const result = await work();
    return { result, queries };
  } finally {
    Client.prototype.query = original;
  }
}
