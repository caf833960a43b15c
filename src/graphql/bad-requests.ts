// A malformed request is the client's mistake: it gets a 4xx with a JSON error body, never
// a 500 (which would also count as a server fault in logs and alerts).
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** The one shape of an error answered outside GraphQL execution. */
export function jsonErrorBody(message: string, code: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

const MALFORMED_PARAMETERS = new Set(['SyntaxError', 'URIError']);

/**
 * Yoga reports bad JSON in a POST body as a 400, but `variables` or `extensions` that are
 * not JSON in a query string or a form body escape its parser as a plain SyntaxError (a 500).
 */
function useMalformedParameters(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!MALFORMED_PARAMETERS.has((error as Error)?.name)) throw error;
          throw createGraphQLError('The request parameters "variables" and "extensions" must be JSON.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      });
    },
  };
}

/** Yoga answers an unknown path (404) or media type (415) with an empty body: give it the usual JSON error. */
function useJsonErrorBodies(): Plugin {
  return {
    onResponse({ response, setResponse, fetchAPI }) {
      if (response.status < 400 || response.headers.has('content-type')) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      const message = response.statusText || `HTTP ${response.status}`;
      setResponse(new fetchAPI.Response(jsonErrorBody(message, response.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST'), { status: response.status, headers }));
    },
  };
}

export function badRequestPlugins(): Plugin[] {
  return [useMalformedParameters(), useJsonErrorBodies()];
}
