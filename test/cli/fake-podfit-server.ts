// A stand-in for the podfit server in CLI tests (the real server's own tests are test/e2e): it records
// every request and answers each with what the test's handler returns, so a test sees exactly what the
// client sends and how the client reports each kind of answer.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent: `/v1/analyses?include=nodes`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as text ('' when none). */
  readonly body: string;
}

export interface CannedResponse {
  readonly status: number;
  /** Sent as JSON, or as is when a string. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (request: RecordedRequest) => CannedResponse;

export class FakePodfitServer {
  readonly requests: RecordedRequest[] = [];
  private handler: Handler = () => ({ status: 500, body: 'no handler set' });

  private constructor(private readonly server: Server) {}

  /** Listens on a free port of 127.0.0.1. */
  static async start(): Promise<FakePodfitServer> {
    const fake: FakePodfitServer = new FakePodfitServer(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const recorded = {
            method: request.method ?? '',
            url: request.url ?? '',
            headers: request.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          fake.requests.push(recorded);
          const { status, body, headers } = fake.handler(recorded);
          const text = typeof body === 'string' ? body : JSON.stringify(body);
          response.writeHead(status, {
            'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
            ...headers,
          });
          response.end(text);
        });
      }),
    );
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** `http://127.0.0.1:PORT` */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Forgets the requests so far and answers the next ones with `handler`. */
  answer(handler: Handler): void {
    this.requests.length = 0;
    this.handler = handler;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}

/** A URL on 127.0.0.1 where nothing listens: a port the system just handed out and took back. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
