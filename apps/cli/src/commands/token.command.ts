// `podfit token create|list|revoke`: the podfit server's API tokens, made against its database directly
// (DATABASE_URL, or --database-url), so that the first admin token exists before anything can authenticate.
// The SQL is the server's own (apps/api/src/tokens/api-tokens.ts). `pg` is loaded only here, when a token
// command runs, so that every other command (and `--version`) starts as fast as before.
import { type Command } from 'commander';
import {
  createToken,
  listTokens,
  parseExpiry,
  revokeToken,
  scopesProblem,
  tokenJson,
  TokenNameTakenError,
  tokenNameProblem,
  type Queryable,
} from '../../../api/src/tokens/api-tokens';
import { type Scope } from '../../../api/src/auth/scopes';
import {
  createdNote,
  printTokens,
  revokedLine,
  TOKEN_CREATE_FORMATS,
  TOKEN_LIST_FORMATS,
  type TokenCreateFormat,
  type TokenListFormat,
} from '../output/token.printer';
import { type CliIo } from './cli-io';
import { CliError, EXIT_OK, type ExitCode } from './exit-code';

export const DATABASE_URL_ENV = 'DATABASE_URL';
const CONNECT_TIMEOUT_MS = 10_000;
const STATEMENT_TIMEOUT_MS = 10_000;
const NOT_MIGRATED = '42P01';

interface DatabaseFlags {
  databaseUrl?: string;
}

interface CreateFlags extends DatabaseFlags {
  scope?: string[];
  expires?: string;
  output: string;
}

interface ListFlags extends DatabaseFlags {
  output: string;
  headers: boolean;
}

/** Adds `token` and its subcommands to the program; each action reports its exit code through `done`. */
export function addTokenCommand(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  const token = program
    .command('token')
    .description(
      "Create, list and revoke the podfit server's API tokens, in its database (for bootstrapping: the server's REST and GraphQL manage them too)",
    )
    .addHelpCommand(false);
  const database = (command: Command) =>
    command.option('--database-url <url>', `the podfit server's PostgreSQL (default: $${DATABASE_URL_ENV})`);

  database(
    token
      .command('create <name>')
      .description('Create a token and print its secret, this once')
      .option(
        '--scope <scope>',
        'read, analyze or admin (admin includes the others); repeat or separate with commas',
        (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(',')],
      )
      .option('--expires <when>', 'a duration (90d, 12h, 30m) or an RFC 3339 time; default: never')
      .option('-o, --output <format>', `output format: ${TOKEN_CREATE_FORMATS.join('|')}`, 'token'),
  ).action(async (name: string, flags: CreateFlags) => {
    done(await runCreate(name, flags, io));
  });
  database(
    token
      .command('list')
      .description('List the tokens, revoked and expired ones included, newest first')
      .option('-o, --output <format>', `output format: ${TOKEN_LIST_FORMATS.join('|')}`, 'table')
      .option('--no-headers', 'print tables without headers'),
  ).action(async (flags: ListFlags) => {
    const output: TokenListFormat = checkFormat(flags.output, TOKEN_LIST_FORMATS);
    const tokens = await withDatabase(flags, io, listTokens);
    const now = new Date();
    if (tokens.length === 0 && output === 'table') io.stderr('No tokens found.\n');
    else
      printTokens(
        tokens.map((t) => tokenJson(t, now)),
        { output, headers: flags.headers },
        io.stdout,
      );
    done(EXIT_OK);
  });
  database(
    token.command('revoke <id-or-name>').description('Revoke a token, by its id or its name, at once'),
  ).action(async (idOrName: string, flags: DatabaseFlags) => {
    const revoked = await withDatabase(flags, io, (db) => revokeToken(db, idOrName));
    if (revoked === null) throw new CliError(`token ${JSON.stringify(idOrName)} not found`);
    io.stdout(revokedLine(tokenJson(revoked.token, new Date()), revoked.wasRevoked));
    done(EXIT_OK);
  });
}

async function runCreate(name: string, flags: CreateFlags, io: CliIo): Promise<ExitCode> {
  const output: TokenCreateFormat = checkFormat(flags.output, TOKEN_CREATE_FORMATS);
  const nameProblem = tokenNameProblem(name);
  if (nameProblem !== null) throw new CliError(`token name ${JSON.stringify(name)} ${nameProblem}`);
  const scopes = (flags.scope ?? []).map((scope) => scope.trim()).filter((scope) => scope !== '');
  if (scopes.length === 0) throw new CliError('give the token at least one --scope: read, analyze or admin');
  const scopeProblem = scopesProblem(scopes);
  if (scopeProblem !== null) throw new CliError(`--scope: ${scopeProblem}`);
  let expiresAt: Date | null = null;
  if (flags.expires !== undefined) {
    try {
      expiresAt = parseExpiry(flags.expires, new Date());
    } catch (error) {
      throw new CliError(`--expires ${JSON.stringify(flags.expires)}: ${(error as Error).message}`);
    }
  }
  const created = await withDatabase(flags, io, async (db) => {
    try {
      return await createToken(db, { name, scopes: scopes as Scope[], expiresAt });
    } catch (error) {
      if (error instanceof TokenNameTakenError) throw new CliError(error.message);
      throw error;
    }
  });
  const shown = tokenJson(created.token, new Date());
  if (output === 'json') io.stdout(`${JSON.stringify({ ...shown, token: created.secret }, null, 2)}\n`);
  else io.stdout(`${created.secret}\n`);
  io.stderr(createdNote(shown));
  return EXIT_OK;
}

/** Runs `work` on a connection to the server's database, closed afterwards; failures read as one line. */
async function withDatabase<T>(
  flags: DatabaseFlags,
  io: CliIo,
  work: (db: Queryable) => Promise<T>,
): Promise<T> {
  const url = databaseUrl(flags, io);
  const { Client } = await import('pg');
  const client = new Client({
    connectionString: url.href,
    application_name: 'podfit-cli',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
  });
  // An error on an idle client (the server going away) would otherwise be thrown as an event.
  client.on('error', () => undefined);
  const where = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  try {
    await client.connect();
  } catch (error) {
    throw new CliError(`cannot connect to the database at ${where}: ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } catch (error) {
    if ((error as { code?: unknown }).code === NOT_MIGRATED) {
      throw new CliError(
        `the database at ${where} has no api_tokens table: it is not migrated; run \`npm run db:migrate\` or start the server once`,
      );
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function databaseUrl(flags: DatabaseFlags, io: CliIo): URL {
  const text = flags.databaseUrl ?? (io.env[DATABASE_URL_ENV] || undefined);
  const source = flags.databaseUrl === undefined ? DATABASE_URL_ENV : '--database-url';
  if (text === undefined) {
    throw new CliError(
      `must specify --database-url (or set ${DATABASE_URL_ENV}): the podfit server's PostgreSQL, where its tokens are`,
    );
  }
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    // Never echo the URL: it may hold a password.
    throw new CliError(`${source}: must be a postgres:// or postgresql:// URL`);
  }
  return url;
}

function checkFormat<F extends string>(output: string, formats: readonly F[]): F {
  if (!(formats as readonly string[]).includes(output)) {
    throw new CliError(
      `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${formats.join(',')}`,
    );
  }
  return output as F;
}
