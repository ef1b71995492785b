// A stand-in for a Kubernetes Service in front of server processes: each request goes to the next backend
// that is ready, readiness being the backend's /readyz polled every 100 ms (as kubelet probes it and the
// endpoints controller follows). The proxy never retries: a request a backend fails is answered 502, and a
// request with no ready backend 503, so the client sees every failure.
import { Agent, createServer, get, request, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  readonly url: string;
  /** Responses `backend` sent through the proxy so far. */
  answered(backend: string): number;
  /** Each request the proxy could not complete, with its reason. */
  readonly failures: readonly string[];
  close(): Promise<void>;
}

interface Backend {
  readonly url: string;
  readonly agent: Agent;
  isReady: boolean;
  isProbing: boolean;
  answered: number;
}

// Hop-by-hop headers (RFC 9110 section 7.6.1) are the proxy's own business on each side.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

export async function startRoundRobinProxy(
  urls: readonly string[],
  probeIntervalMs = 100,
): Promise<RoundRobinProxy> {
  const backends: Backend[] = urls.map((url) => ({
    url,
    agent: new Agent({ keepAlive: true }),
    isReady: false,
    isProbing: false,
    answered: 0,
  }));
  const failures: string[] = [];

  const probe = (backend: Backend) => {
    if (backend.isProbing) return;
    backend.isProbing = true;
    const settle = (isReady: boolean) => {
      backend.isReady = isReady;
      backend.isProbing = false;
    };
    get(`${backend.url}/readyz`, { agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      response.on('end', () => settle(response.statusCode === 200));
    })
      .on('timeout', function (this: ReturnType<typeof get>) {
        this.destroy(new Error('timeout'));
      })
      .on('error', () => settle(false));
  };
  const prober = setInterval(() => backends.forEach(probe), probeIntervalMs);

  let next = 0;
  const pick = (): Backend | undefined => {
    for (let i = 0; i < backends.length; i++) {
      const backend = backends[(next + i) % backends.length]!;
      if (backend.isReady) {
        next = (next + i + 1) % backends.length;
        return backend;
      }
    }
    return undefined;
  };

  const server = createServer((incoming, outgoing) => {
    const backend = pick();
    if (backend === undefined) {
      failures.push(`${incoming.method} ${incoming.url}: no ready backend`);
      outgoing.writeHead(503).end();
      return;
    }
    const upstream = request(
      `${backend.url}${incoming.url}`,
      { method: incoming.method, headers: endToEnd(incoming.headers), agent: backend.agent },
      (response) => {
        outgoing.writeHead(response.statusCode!, endToEnd(response.headers));
        response.pipe(outgoing);
        response.on('end', () => backend.answered++);
      },
    );
    upstream.on('error', (error) => {
      failures.push(`${incoming.method} ${incoming.url} via ${backend.url}: ${error.message}`);
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const proxy: RoundRobinProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered: (url) => backends.find((backend) => backend.url === url)?.answered ?? 0,
    failures,
    async close() {
      clearInterval(prober);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const backend of backends) backend.agent.destroy();
    },
  };
  const deadline = Date.now() + 10_000;
  while (!backends.every((backend) => backend.isReady)) {
    if (Date.now() > deadline) {
      await proxy.close();
      throw new Error(`the backends did not all become ready: ${urls.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, probeIntervalMs));
  }
  return proxy;
}
