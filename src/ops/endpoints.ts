// authql's plain HTTP endpoints: /health, /ready, /.well-known/jwks.json and the metrics. One
// implementation that answers a plain HttpAnswer, and three ways to serve it: the Yoga plugin
// (graphql/plugins/endpoints.ts), the separate metrics port (metrics-server.ts), and the handlers
// a host mounts in its own server (auth.handlers: a Fetch-API and a Node/Express handler each).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthConfig } from '../config';
import { constantTimeEqual } from '../crypto/one-time-token';
import { tokenDigest } from '../crypto/session-token';
import type { MetricsRegistry } from './metrics';
import type { Readiness } from './readiness';

/** A plain HTTP answer, for Fetch's Response and node's http server alike. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type EndpointName = 'health' | 'ready' | 'jwks' | 'metrics';

/** What an endpoint reads of a request: only the Authorization header (the metrics token). */
export interface EndpointRequest {
  authorization: string | null;
}

/** The one shape of an error answered outside GraphQL execution. */
export function jsonErrorBody(message: string, code: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

const json = (status: number, body: unknown, headers: Record<string, string> = { 'cache-control': 'no-store' }): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const jsonError = (status: number, message: string, code: string, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: jsonErrorBody(message, code),
});

/** Whether the Authorization header is `Bearer <token>`, compared in constant time (digests of equal length). */
function bearerMatches(authorization: string | null, token: string): boolean {
  const presented = /^Bearer +(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && constantTimeEqual(Buffer.from(tokenDigest(presented)), Buffer.from(tokenDigest(token)));
}

export interface EndpointParts {
  readiness: Readiness;
  /** The JWT public keys; null with HS256 (there are none: 404). */
  jwks: { keys: unknown[] } | null;
  /** The Prometheus registry; null when metrics are off (404). */
  metrics: Pick<MetricsRegistry, 'text' | 'contentType'> | null;
}

export interface Endpoints {
  /** The endpoint a path names here, or null (the request is not for these endpoints). */
  at(pathname: string): EndpointName | null;
  /** The answer of one endpoint; never throws (a failed scrape is a logged 500). */
  answer(name: EndpointName, request: EndpointRequest): Promise<HttpAnswer>;
}

/**
 * The endpoints as served on the API's port (`where: 'api'`: the metrics only when they have
 * no port of their own, and then behind `metrics.token` when one is set), or on the separate
 * metrics port (`'metrics-port'`: the metrics without a token, and the probes).
 */
export function createEndpoints(config: Pick<AuthConfig, 'metrics' | 'logger'>, parts: EndpointParts, where: 'api' | 'metrics-port'): Endpoints {
  const { path, port, token } = config.metrics;
  const metricsHere = parts.metrics !== null && (where === 'metrics-port' || port === undefined);
  const paths: Record<string, EndpointName> = {
    '/health': 'health',
    '/ready': 'ready',
    ...(where === 'api' ? { '/.well-known/jwks.json': 'jwks' as const } : {}),
    ...(metricsHere ? { [path]: 'metrics' as const } : {}),
  };

  const serveMetrics = async (request: EndpointRequest): Promise<HttpAnswer> => {
    if (!parts.metrics || !metricsHere) return jsonError(404, 'The metrics are not served here.', 'NOT_FOUND');
    if (where === 'api' && token !== undefined && !bearerMatches(request.authorization, token)) {
      const missing = request.authorization === null;
      return missing
        ? jsonError(401, 'The metrics need a Bearer token.', 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer realm="metrics"' })
        : jsonError(403, 'The metrics token is not valid.', 'FORBIDDEN');
    }
    return { status: 200, headers: { 'content-type': parts.metrics.contentType }, body: await parts.metrics.text() };
  };

  const answers: Record<EndpointName, (request: EndpointRequest) => Promise<HttpAnswer>> = {
    health: async () => json(200, { status: 'alive' }),
    ready: async () => {
      const report = await parts.readiness.check();
      return json(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'unavailable', checks: report.checks });
    },
    jwks: async () =>
      parts.jwks
        ? json(200, parts.jwks, { 'cache-control': 'public, max-age=300' })
        : json(404, { error: 'JWTs are signed with HS256: there is no public key to publish' }, {}),
    metrics: serveMetrics,
  };

  return {
    at: (pathname) => (Object.hasOwn(paths, pathname) ? paths[pathname] : null),
    async answer(name, request) {
      try {
        return await answers[name](request);
      } catch (error) {
        config.logger.error(`${name}: the answer failed`, { reason: (error as Error).message });
        return jsonError(500, 'The answer failed; see the server log.', 'INTERNAL_SERVER_ERROR');
      }
    },
  };
}

/** A Fetch-API handler: `(request: Request) => Promise<Response>`. */
export type FetchHandler = (request: Request) => Promise<Response>;
/** A Node handler, also an Express route handler: `app.get('/health', handler)`. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** One endpoint, for a Fetch-API server and for a Node/Express one. */
export interface EndpointHandlers {
  fetch: FetchHandler;
  node: NodeHandler;
}

/** The Fetch Response of an answer (a HEAD gets the headers only). */
export function toFetchResponse(answer: HttpAnswer, method: string, ResponseClass: typeof Response = Response): Response {
  return new ResponseClass(method === 'HEAD' ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/** Writes an answer to a Node response (a HEAD gets the headers only). */
export function writeNodeAnswer(answer: HttpAnswer, method: string | undefined, res: ServerResponse): void {
  res.writeHead(answer.status, answer.headers).end(method === 'HEAD' ? undefined : answer.body);
}

/** The Authorization header of a Node request, once (a repeated header is no credential). */
const nodeAuthorization = (req: IncomingMessage): string | null => {
  const value = req.headers.authorization;
  return typeof value === 'string' ? value : null;
};

/** Each endpoint as a Fetch and a Node handler, wherever the host mounts it. */
export function endpointHandlers(endpoints: Endpoints): Record<EndpointName, EndpointHandlers> {
  const handlers = (name: EndpointName): EndpointHandlers => ({
    fetch: async (request) => toFetchResponse(await endpoints.answer(name, { authorization: request.headers.get('authorization') }), request.method),
    node: (req, res) => {
      void endpoints.answer(name, { authorization: nodeAuthorization(req) }).then((answer) => writeNodeAnswer(answer, req.method, res));
    },
  });
  return { health: handlers('health'), ready: handlers('ready'), jwks: handlers('jwks'), metrics: handlers('metrics') };
}
