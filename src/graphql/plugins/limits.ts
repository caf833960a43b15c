// Request-shape limits: graphql-armor (depth, aliases, directives, tokens, cost), a body
// size limit, and introspection switched off in production unless asked for.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, NoSchemaIntrospectionCustomRule, Source, TokenKind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthConfig } from '../../config';
import { jsonErrorBody } from '../../ops/endpoints';

/** Brackets, braces and parentheses open at once; parsing recurses per level and overflows the stack in the low thousands. */
const MAX_NESTING = 256;

function useBodyLimit(maxBytes: number): Plugin {
  const refuse = (fetchAPI: { Response: typeof Response }, status: number, message: string, code: string) =>
    new fetchAPI.Response(jsonErrorBody(message, code), {
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

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** Whether the document opens more than `max` levels at once, found by the (iterative) lexer alone. */
function nestedDeeperThan(source: string | Source, max: number): boolean {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (OPENING.has(token.kind) && ++depth > max) return true;
      if (CLOSING.has(token.kind)) depth--;
    }
  } catch {
    // A syntax error: the parser reports it.
  }
  return false;
}

/** Refuses a deeply nested document before the recursive parser sees it (a RangeError would be a 500). */
function useNestingLimit(max: number): Plugin {
  return {
    onParse({ params }) {
      if (nestedDeeperThan(params.source, max)) {
        throw new GraphQLError(`Syntax Error: the document is nested more than ${max} levels deep.`, {
          extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
        });
      }
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
    useNestingLimit(MAX_NESTING),
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
