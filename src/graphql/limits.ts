// Request-shape limits: graphql-armor (depth, aliases, directives, tokens, cost), a body
// size limit, and introspection switched off in production unless asked for.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthConfig } from '../config';

function useBodyLimit(maxBytes: number): Plugin {
  const refuse = (fetchAPI: { Response: typeof Response }, status: number, message: string, code: string) =>
    new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      if (length === null) {
        endResponse(refuse(fetchAPI, 411, 'A request body needs a Content-Length.', 'LENGTH_REQUIRED'));
      } else if (Number(length) > maxBytes) {
        endResponse(refuse(fetchAPI, 413, `The request body is larger than ${maxBytes} bytes.`, 'PAYLOAD_TOO_LARGE'));
      }
    },
  };
}

/** graphql-armor refuses by throwing from validation: answer with Yoga's code for validation errors, HTTP 400. */
function useValidationCode(): Plugin {
  const withCode = (error: GraphQLError) =>
    error.extensions?.code
      ? error
      : new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          originalError: error.originalError,
          extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
        });
  return {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((...args: Parameters<typeof validateFn>) => {
        try {
          return validateFn(...args).map(withCode);
        } catch (error) {
          if (error instanceof GraphQLError) return [withCode(error)];
          throw error;
        }
      });
    },
  };
}

function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

export function limitPlugins(config: AuthConfig): Plugin[] {
  const { limits } = config;
  return [
    useBodyLimit(limits.maxBodyBytes),
    useValidationCode(),
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth },
      maxAliases: { n: limits.maxAliases },
      maxDirectives: { n: limits.maxDirectives },
      maxTokens: { n: limits.maxTokens },
      costLimit: { maxCost: limits.maxCost },
      blockFieldSuggestion: { enabled: config.production },
    }) as Plugin,
    ...(config.introspection ? [] : [useNoIntrospection()]),
  ];
}
