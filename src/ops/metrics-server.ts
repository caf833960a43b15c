// The separate metrics port (`metrics.port`): the Prometheus text at `metrics.path`, and the
// probes, so that an instance without an API port (a mail worker) can be scraped and probed too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthConfig } from '../config';
import { createEndpoints, writeNodeAnswer } from './endpoints';
import type { MetricsRegistry } from './metrics';
import type { Readiness } from './readiness';

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
  const endpoints = createEndpoints(config, { readiness, metrics, jwks: null }, 'metrics-port');
  const server: Server = createServer((request, response) => {
    const name = endpoints.at(new URL(request.url ?? '/', 'http://metrics').pathname);
    if (!name) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    void endpoints.answer(name, { authorization: null }).then((answer) => writeNodeAnswer(answer, request.method, response));
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
