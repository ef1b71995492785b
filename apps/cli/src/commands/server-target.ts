// Where the podfit server is: `--server URL`, or the PODFIT_SERVER environment variable in its place (set
// empty, it is unset). PODFIT_TOKEN, when set, is sent as a bearer token.
import { type ServerTarget } from '../client/podfit-client';
import { CliError } from './exit-code';

export const SERVER_ENV = 'PODFIT_SERVER';
export const TOKEN_ENV = 'PODFIT_TOKEN';

type Env = Readonly<Record<string, string | undefined>>;

/** The server `--server` names, else PODFIT_SERVER; null when neither does. Throws a usage error. */
export function serverTarget(flag: string | undefined, env: Env, version: string): ServerTarget | null {
  const fromEnv = nonEmpty(env[SERVER_ENV]);
  const text = flag ?? fromEnv;
  if (text === undefined) return null;
  const source = flag === undefined ? SERVER_ENV : '--server';
  let url: URL | null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (
    url === null ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new CliError(
      `${source} ${JSON.stringify(text)}: must be an http:// or https:// URL without credentials, query or fragment`,
    );
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { display: text, baseUrl: url, token: nonEmpty(env[TOKEN_ENV]), userAgent: `podfit/${version}` };
}

/** As serverTarget(), for the commands that only talk to a server. */
export function requireServerTarget(flag: string | undefined, env: Env, version: string): ServerTarget {
  const target = serverTarget(flag, env, version);
  if (target === null) throw new CliError(`must specify --server (or set ${SERVER_ENV})`);
  return target;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
