// HTTP/1.1 on a bare TCP socket, for requests supertest and fetch will not send: a Content-Length larger
// than the body, no Content-Type at all, a body trickled one byte at a time. Every request asks for
// `Connection: close`, so the response ends when the server closes the connection.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  /** null when the connection ended without a response. */
  readonly status: number | null;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** How the connection ended: closed or reset by the server, or given up on by the test. */
  readonly ending: 'closed' | 'reset' | 'gave-up';
  /** From connecting to the end of the connection. */
  readonly elapsedMs: number;
}

export interface RawConnection {
  readonly socket: Socket;
  /** Settles when the connection ends, at the latest after `giveUpMs`. */
  readonly response: Promise<RawResponse>;
}

/** The request line and headers of a request, with Host and `Connection: close` added. */
export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Opens a connection to `url` (http://host:port); the caller writes the request on `socket`. */
export async function openRaw(url: string, giveUpMs = 15_000): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const startedAt = Date.now();
  const response = new Promise<RawResponse>((resolve) => {
    const chunks: Buffer[] = [];
    let ending: RawResponse['ending'] = 'closed';
    const giveUp = setTimeout(() => {
      ending = 'gave-up';
      socket.destroy();
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') ending = 'reset';
    });
    socket.once('close', () => {
      clearTimeout(giveUp);
      resolve({
        ...parseResponse(Buffer.concat(chunks).toString('utf8')),
        ending,
        elapsedMs: Date.now() - startedAt,
      });
    });
  });
  return { socket, response };
}

/** Sends `head` and `body` in one write, half-closes when asked, and waits for the answer. */
export async function rawRequest(
  url: string,
  head: string,
  body = '',
  options: { halfClose?: boolean } = {},
): Promise<RawResponse> {
  const { socket, response } = await openRaw(url);
  socket.write(head + body);
  if (options.halfClose === true) socket.end();
  return response;
}

function parseResponse(text: string): Pick<RawResponse, 'status' | 'headers' | 'body'> {
  const end = text.indexOf('\r\n\r\n');
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(text);
  if (end < 0 || match === null) return { status: null, headers: {}, body: text };
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, end).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: text.slice(end + 4) };
}
