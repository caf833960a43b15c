// The separate metrics port (`metrics.port`): the Prometheus text at `metrics.path`, and the
// probes, so that an instance without an API port (a mail worker) can be scraped and probed too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthConfig } from '../config';
import type { MetricsRegistry } from './metrics';
import { answerProbe, type Readiness } from './readiness';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(
  config: Pick<AuthConfig, 'metrics' | 'server' | 'logger'>,
  metrics: Pick<MetricsRegistry, 'text' | 'contentType'>,
  readiness: Readiness,
): Promise<MetricsServer> {
  const { path } = config.metrics;
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://metrics').pathname;
    const answer = async () => {
      if (pathname === path) return { status: 200, headers: { 'content-type': metrics.contentType }, body: await metrics.text() };
      return (await answerProbe(pathname, readiness)) ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found\n' };
    };
    answer().then(
      ({ status, headers, body }) => response.writeHead(status, headers).end(request.method === 'HEAD' ? undefined : body),
      (error: Error) => {
        config.logger.error('metrics: the scrape failed', { reason: error.message });
        response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
  server.keepAliveTimeout = 5000;
  const host = config.metrics.host ?? config.server.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metrics.port, host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}${path}`;
  config.logger.info(`metrics on ${url} (and /health, /ready on the same port)`);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
