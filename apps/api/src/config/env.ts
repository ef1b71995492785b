// Every environment variable the server reads, with its type, bounds and default. `validateEnv` runs
// before anything listens; a bad start names every bad variable at once and exits non-zero.
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const AUTH_MODES = ['auto', 'required'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
/** An integer env value within bounds, with one message for all three checks. */
function IntBetween(min: number, max: number): PropertyDecorator {
  const message = { message: `must be an integer between ${min} and ${max}` };
  return (target, property) => {
    Transform(toInt)(target, property);
    IsInt(message)(target, property);
    Min(min, message)(target, property);
    Max(max, message)(target, property);
  };
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class Env {
  /** TCP port the API listens on. */
  @IntBetween(0, 65535) PORT = 8080;

  /** Address to listen on; loopback by default. */
  @IsString() @MinLength(1) HOST = '127.0.0.1';

  /** A PostgreSQL URL; without it the server runs an embedded PostgreSQL (PGlite) in PODFIT_DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Where the embedded database keeps its files. */
  @IsString() @MinLength(1) PODFIT_DATA_DIR = '.podfit-data';

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }) LOG_LEVEL: LogLevel = 'info';

  /** Largest request body in bytes; kube-apiserver's MaxRequestBodyBytes (3 MiB) by default. */
  @IntBetween(1024, 64 * 1024 * 1024) PODFIT_BODY_LIMIT = 3 * 1024 * 1024;

  /** A request not fully received and answered in this time is cut off (slow clients). */
  @IntBetween(1000, 600_000) PODFIT_REQUEST_TIMEOUT_MS = 30_000;

  @IntBetween(1, 200) PODFIT_DB_POOL_MAX = 10;

  /** How long a request waits for a pooled connection before it gets 503. */
  @IntBetween(100, 120_000) PODFIT_DB_CONNECTION_TIMEOUT_MS = 5_000;

  /** statement_timeout for every pooled connection; lock_timeout is the same. */
  @IntBetween(100, 600_000) PODFIT_DB_STATEMENT_TIMEOUT_MS = 10_000;

  /** Apply prisma/migrations at start (under an advisory lock). */
  @Transform(toBoolean) @IsBoolean({ message: 'must be true or false' }) PODFIT_MIGRATE_ON_START = true;

  /**
   * On SIGTERM, how long /readyz answers 503 while the server still serves, so that Kubernetes takes the
   * pod out of its Service's endpoints before it stops accepting connections.
   */
  @IntBetween(0, 120_000) PODFIT_SHUTDOWN_DELAY_MS = 0;

  /**
   * `auto`: the server runs open (no token needed) only when HOST is a loopback address and no API token
   * exists; `required`: every request but health, metrics and the API documents needs a token.
   */
  @IsIn(AUTH_MODES, { message: `must be one of ${AUTH_MODES.join(', ')}` }) PODFIT_AUTH: AuthMode = 'auto';

  /** Requests per minute for each API token, in each replica; 0 turns the limit off. */
  @IntBetween(0, 1_000_000) PODFIT_RATE_LIMIT_PER_MINUTE = 1200;

  /** Answer GraphQL introspection (and "Did you mean" hints); off unless asked for, production or not. */
  @Transform(toBoolean) @IsBoolean({ message: 'must be true or false' }) PODFIT_GRAPHQL_INTROSPECTION = false;

  /** Serve GraphiQL on GET /graphql from a browser (needs introspection); off unless asked for. */
  @Transform(toBoolean) @IsBoolean({ message: 'must be true or false' }) PODFIT_GRAPHQL_SANDBOX = false;
}

export class EnvError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(`invalid configuration:\n${lines.join('\n')}`);
  }
}

/** Checks the environment; throws an EnvError with one line per bad value. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const known = Object.keys(new Env());
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => value !== undefined && value !== '' && known.includes(key)),
  );
  const env = plainToInstance(Env, defined);
  const errors = validateSync(env, { stopAtFirstError: true });
  if (errors.length > 0) throw new EnvError(errors.map((error) => describe(error, defined)));
  return env;
}

function describe(error: ValidationError, raw: Record<string, unknown>): string {
  const messages = Object.values(error.constraints ?? {}).map((message) =>
    message.replace(new RegExp(`^${error.property} `), ''),
  );
  return `${error.property}=${JSON.stringify(raw[error.property])}: ${messages.join('; ')}`;
}
