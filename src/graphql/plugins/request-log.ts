// One log entry per GraphQL request: method, operation, status, outcome, user id, duration.
// Never variables, headers or results, so no password, token or hash can reach the log.
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../config';
import type { GraphQLContext } from '../builder';

interface Entry {
  started: number;
  operation: string | null;
  context: Partial<GraphQLContext> | null;
}

export function useRequestLog(logger: Logger, pretty: boolean): Plugin {
  const entries = new WeakMap<object, Entry>();
  return {
    onRequest({ request, url }) {
      if (url.pathname.startsWith('/.well-known')) return;
      entries.set(request, { started: performance.now(), operation: null, context: null });
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: object }).request;
      const entry = request ? entries.get(request) : undefined;
      if (!entry) return;
      entry.context = args.contextValue as Partial<GraphQLContext>;
      const operation = args.document.definitions.find((d: { kind: string }) => d.kind === 'OperationDefinition');
      entry.operation = args.operationName ?? (operation && 'name' in operation ? (operation.name?.value ?? null) : null);
    },
    onResponse({ request, response }) {
      const entry = entries.get(request);
      if (!entry) return;
      entries.delete(request);
      const durationMs = Math.round((performance.now() - entry.started) * 10) / 10;
      const log = entry.context?.authql?.log;
      const outcome = log?.outcome ?? (response.status >= 400 ? `HTTP_${response.status}` : 'OK');
      const fields = { method: request.method, operation: entry.operation, status: response.status, outcome, userId: log?.userId ?? null, durationMs };
      if (request.method === 'GET' && !entry.operation) return; // GraphiQL page loads
      if (pretty) logger.info(`${request.method} ${entry.operation ?? '(anonymous)'} → ${outcome} ${durationMs} ms${fields.userId ? ` user ${fields.userId}` : ''}`);
      else logger.info('request', fields);
    },
  };
}
