// Request and resolver timings for Prometheus (graphql-yoga's plugin) in authql's own registry
// (the metrics text itself is served by ops/endpoints.ts). Labels come
// from the schema (root field names, operation type, status), never from what a client
// chose to send: no operation name, URL or variable can reach a label.
import { getOperationAST, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type * as PrometheusPluginModule from '@graphql-yoga/plugin-prometheus';
import type { MetricsRegistry } from '../../ops/metrics';

const META_FIELDS = new Set(['__typename', '__schema', '__type']);

/** The operation's root field when it has exactly one that the schema knows; else "multiple" or "unknown". */
function rootFieldOf(schema: GraphQLSchema, document: DocumentNode | undefined, operationName: string | undefined): string {
  const operation = document ? getOperationAST(document, operationName) : null;
  if (!operation) return 'unknown';
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : null;
  const names = new Set(operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : [])));
  if (names.size > 1) return 'multiple';
  const [name] = names;
  if (!name) return 'unknown';
  return root?.getFields()[name] || META_FIELDS.has(name) ? name : 'unknown';
}

/** Yoga's Prometheus plugin, loaded only when metrics are on (it costs start-up time); a fresh plugin per call. */
export async function metricsPlugin(metrics: MetricsRegistry, schema: GraphQLSchema): Promise<() => Plugin> {
  // (A dynamic import is typed in ESM resolution mode; the static types are the same package's.)
  const prometheus = (await import('@graphql-yoga/plugin-prometheus')) as unknown as PrometheusPlugin;
  return () => useMetrics(metrics, schema, prometheus);
}

type PrometheusPlugin = typeof PrometheusPluginModule;

function useMetrics(
  metrics: MetricsRegistry,
  schema: GraphQLSchema,
  { createHistogram, usePrometheus }: Pick<PrometheusPlugin, 'createHistogram' | 'usePrometheus'>,
): Plugin {
  const { registry } = metrics;
  return usePrometheus({
    registry,
    // The text is served by ops/endpoints.ts (with the token rule), here and on the metrics port.
    endpoint: false,
    skipIntrospection: true,
    labels: { operationName: false, path: false, url: false },
    resolversWhitelist: ['Query.*', 'Mutation.*'],
    metrics: {
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent on a GraphQL HTTP request, by root field, operation type and HTTP status.',
          labelNames: ['rootField', 'operationType', 'statusCode'] as const,
        },
        fillLabelsFn: (params: { document?: DocumentNode; operationName?: string; operationType?: string }, context: { response: Response }) => ({
          rootField: rootFieldOf(schema, params.document, params.operationName),
          operationType: params.operationType ?? 'unknown',
          statusCode: context.response.status,
        }),
      }) as never,
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_context: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_error_result: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      // Resolver timings of the root fields only: one per use case, cheap, bounded by the schema.
      graphql_envelop_execute_resolver: true,
    },
  }) as Plugin;
}
