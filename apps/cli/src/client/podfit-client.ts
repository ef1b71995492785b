// The podfit server over HTTP, with Node's fetch and nothing else (the CLI never loads Nest or an HTTP
// library): one method per request. A failure ends as an error the CLI reports: ServerError for the
// server's own error body, CliError (exit 2) when the server cannot be reached or answers something else.
import { CliError } from '../commands/exit-code';
import {
  type AnalysisRequestBody,
  type AnalysisView,
  type ErrorBody,
  type InventoryList,
  type InventoryRequestBody,
  type InventoryView,
} from './api-types';

const REQUEST_TIMEOUT_MS = 120_000;

/** A podfit server, and how to call it. */
export interface ServerTarget {
  /** The URL as the user gave it, for messages. */
  readonly display: string;
  /** The same URL, ending in `/`, that request paths resolve against (a path prefix is kept). */
  readonly baseUrl: URL;
  /** Sent as `Authorization: Bearer …` when set. */
  readonly token: string | undefined;
  readonly userAgent: string;
}

/** The server answered with its error body (`{statusCode, code, message, details}`). */
export class ServerError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
    this.name = 'ServerError';
  }
}

export interface AnalyzeRequestOptions {
  /** Compute without storing (`?dryRun=true`, answered 200). */
  readonly dryRun: boolean;
  /** Ask for every node's verdict (`?include=nodes`). */
  readonly includeNodes: boolean;
}

type Method = 'GET' | 'POST' | 'PUT';

export class PodfitClient {
  constructor(private readonly server: ServerTarget) {}

  /** POST /v1/analyses: stored (201), or computed only (200) for a dry run. */
  async analyze(body: AnalysisRequestBody, options: AnalyzeRequestOptions): Promise<AnalysisView> {
    const query = new URLSearchParams();
    if (options.dryRun) query.set('dryRun', 'true');
    if (options.includeNodes) query.set('include', 'nodes');
    const answer = await this.send('POST', 'v1/analyses', query, body);
    if (!isAnalysisView(answer)) throw this.unexpected('the body is not an Analysis');
    return answer;
  }

  /** PUT /v1/inventories/NAME: creates the inventory (201) or replaces all of it (200). */
  async importInventory(name: string, body: InventoryRequestBody): Promise<InventoryView> {
    const answer = await this.send('PUT', inventoryPath(name), new URLSearchParams(), body);
    if (!isInventoryView(answer)) throw this.unexpected('the body is not an inventory');
    return answer;
  }

  /** GET /v1/inventories, by name. */
  async listInventories(): Promise<InventoryList> {
    const answer = await this.send('GET', 'v1/inventories', new URLSearchParams());
    if (!isRecord(answer) || !Array.isArray(answer.items) || !answer.items.every(isInventoryView)) {
      throw this.unexpected('the body is not a list of inventories');
    }
    return answer as unknown as InventoryList;
  }

  /** GET /v1/inventories/NAME. */
  async getInventory(name: string): Promise<InventoryView> {
    const answer = await this.send('GET', inventoryPath(name), new URLSearchParams());
    if (!isInventoryView(answer)) throw this.unexpected('the body is not an inventory');
    return answer;
  }

  private async send(
    method: Method,
    path: string,
    query: URLSearchParams,
    body?: AnalysisRequestBody | InventoryRequestBody,
  ): Promise<unknown> {
    const url = new URL(path, this.server.baseUrl);
    url.search = query.toString();
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.server.userAgent,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.server.token !== undefined) headers.authorization = `Bearer ${this.server.token}`;
    let status: number;
    let statusText: string;
    let text: string;
    try {
      const response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // A server that stops answering must not hang a CI job: the server's own request timeout is 30 s.
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      ({ status, statusText } = response);
      text = await response.text();
    } catch (error) {
      throw new CliError(
        `cannot reach the podfit server at ${this.server.display}: ${transportReason(error)}`,
      );
    }
    const answer = parseJson(text);
    if (status >= 200 && status < 300) {
      if (answer === undefined) throw this.unexpected(`HTTP ${status}: the body is not JSON`);
      return answer;
    }
    if (isErrorBody(answer)) throw new ServerError(answer);
    throw this.unexpected(statusText === '' ? `HTTP ${status}` : `HTTP ${status} ${statusText}`);
  }

  private unexpected(reason: string): CliError {
    return new CliError(`unexpected answer from the podfit server at ${this.server.display}: ${reason}`);
  }
}

function inventoryPath(name: string): string {
  return `v1/inventories/${encodeURIComponent(name)}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// fetch rejects with `TypeError: fetch failed`; the socket's own error is its cause (an AggregateError when
// every address of a name was tried): `connect ECONNREFUSED 127.0.0.1:8080`, `getaddrinfo ENOTFOUND podfit`.
function transportReason(error: unknown): string {
  let cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (cause instanceof AggregateError && cause.errors.length > 0) cause = cause.errors[0];
  if (cause instanceof Error) {
    if (cause.message !== '') return cause.message;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== undefined) return code;
  }
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    isRecord(value) &&
    typeof value.statusCode === 'number' &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    Array.isArray(value.details) &&
    value.details.every((detail) => isRecord(detail) && typeof detail.message === 'string')
  );
}

function isAnalysisView(value: unknown): value is AnalysisView {
  return isRecord(value) && value.kind === 'Analysis' && Array.isArray(value.workloads);
}

function isInventoryView(value: unknown): value is InventoryView {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    typeof value.version === 'number' &&
    typeof value.nodeCount === 'number' &&
    typeof value.podCount === 'number'
  );
}
