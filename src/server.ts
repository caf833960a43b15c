// Serving an Auth over HTTP on node's http server.
import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { startMetricsPort, type Auth } from './auth';
import { jsonErrorBody } from './ops/endpoints';

export interface RunningServer {
  url: string;
  /** The metrics on their own port (option `metrics.port`), else null. */
  metricsUrl: string | null;
  server: Server;
  close(): Promise<void>;
}

/** Yoga's adapter builds the request URL from Host and the target, and throws (a 500 with a stack trace) on one that does not parse. */
function requestUrlParses(request: IncomingMessage): boolean {
  return URL.canParse(`http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`);
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A whole HTTP response, for a socket whose request node could not parse. */
function rawHttpError(status: number): string {
  const body = jsonErrorBody(STATUS_CODES[status] ?? 'Bad Request', 'BAD_REQUEST');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

export async function startServer(auth: Auth, options: { host?: string; port?: number } = {}): Promise<RunningServer> {
  const yoga = auth.yoga();
  const server = createServer((request, response) => {
    if (requestUrlParses(request)) return void yoga(request, response);
    auth.config.logger.warn('refused a request whose Host header is not a valid host', { method: request.method });
    const body = jsonErrorBody('The Host header is not a valid host.', 'BAD_REQUEST');
    response.writeHead(400, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
  });
  // Node's own answer to a request it cannot parse has no body: give it the JSON error too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || socket.bytesWritten > 0) return void socket.destroy();
    socket.end(rawHttpError(error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400));
  });
  // Keep-alive connections would hold close() open for their idle timeout.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? auth.config.server.port, options.host ?? auth.config.server.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const metricsPort = await startMetricsPort(auth);
  return {
    url: `http://${host}:${port}${yoga.graphqlEndpoint}`,
    metricsUrl: metricsPort?.url ?? null,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(() => metricsPort?.close()),
  };
}
