// Serving an Auth over HTTP on node's http server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Auth } from './auth';

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(auth: Auth, options: { host?: string; port?: number } = {}): Promise<RunningServer> {
  const yoga = auth.yoga();
  const server = createServer(yoga);
  // Keep-alive connections would hold close() open for their idle timeout.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? auth.config.server.port, options.host ?? auth.config.server.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}${yoga.graphqlEndpoint}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
