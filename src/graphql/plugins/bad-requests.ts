// A malformed request is the client's mistake: it gets a 4xx with a JSON error body, never
// a 500 (which would also count as a server fault in logs and alerts).
import { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { jsonErrorBody } from '../../ops/endpoints';
import { withExtensions } from './error-copy';


const MALFORMED_PARAMETERS = new Set(['SyntaxError', 'URIError']);

/** The GraphQL-over-HTTP parameters: each may appear once in a query string or a form body. */
const GRAPHQL_PARAMETERS = ['query', 'variables', 'operationName', 'extensions'];

function badRequest(message: string, status = 400): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status } } });
}

/** Whether every `%` in a query string or form body starts a valid escape of UTF-8 text. */
function percentEncodingIsValid(encoded: string): boolean {
  try {
    decodeURIComponent(encoded.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/** Why a query string or form body is refused, or null: bad percent-encoding, a GraphQL parameter given twice. */
function formProblem(encoded: string): string | null {
  if (!percentEncodingIsValid(encoded)) return 'The request has malformed percent-encoding.';
  const fields = new URLSearchParams(encoded);
  const repeated = GRAPHQL_PARAMETERS.find((name) => fields.getAll(name).length > 1);
  return repeated ? `The request parameter "${repeated}" appears more than once.` : null;
}

/** The body's charset when the Content-Type names one other than UTF-8 (all that authql reads). */
function foreignCharset(contentType: string | null): string | null {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '')?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset) ? null : charset;
}

/** Why the request's parameters are refused before Yoga reads them, or null. */
async function requestProblem(request: Request, url: URL): Promise<GraphQLError | null> {
  if (request.method === 'GET') {
    const problem = formProblem(url.search.slice(1));
    return problem ? badRequest(problem) : null;
  }
  const contentType = request.headers.get('content-type');
  const charset = foreignCharset(contentType);
  if (charset !== null) return badRequest(`The request body must be UTF-8, not "${charset.slice(0, 40)}".`, 415);
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') {
    const problem = formProblem(await request.clone().text());
    return problem ? badRequest(problem) : null;
  }
  if (mediaType === 'multipart/form-data') {
    const names = multipartFieldNames(contentType ?? '', await request.clone().text());
    const repeated = MULTIPART_PARAMETERS.find((name) => names.filter((n) => n === name).length > 1);
    return repeated ? badRequest(`The multipart field "${repeated}" appears more than once.`) : null;
  }
  return null;
}

/** The GraphQL multipart request's own fields (the files are named in "map"). */
const MULTIPART_PARAMETERS = ['operations', 'map'];

/**
 * The field names of a multipart body, part by part (the FormData that Yoga reads keeps only
 * the last of repeated fields). A body that does not parse as multipart is Yoga's to refuse.
 */
function multipartFieldNames(contentType: string, body: string): string[] {
  const boundary = /;\s*boundary\s*=\s*"?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return [];
  return body.split(`--${boundary}`).flatMap((part) => {
    const end = part.indexOf('\r\n\r\n');
    const headers = end < 0 ? part : part.slice(0, end);
    const name = /^content-disposition:[^\r\n]*;\s*name="([^"]*)"/im.exec(headers)?.[1];
    return name === undefined ? [] : [name];
  });
}

/**
 * Refuses what Yoga would read some way (the first of repeated fields, UTF-16 bytes as UTF-8,
 * bad escapes as they stand); and what escapes its parsers as a plain error (a 500):
 * `variables` or `extensions` that are not JSON, a multipart map into nothing.
 */
function useStrictRequestParameters(): Plugin {
  return {
    onRequestParse({ url, requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        const problem = await requestProblem(request, url);
        if (problem) throw problem;
        try {
          return await requestParser(request);
        } catch (error) {
          if (error instanceof GraphQLError) throw error;
          if (MALFORMED_PARAMETERS.has((error as Error)?.name)) throw badRequest('The request parameters "variables" and "extensions" must be JSON.');
          // Yoga's parsers read only the request: what else they throw (a TypeError on a multipart
          // "map" into "operations": null) comes from a request they did not expect.
          throw badRequest('The request body is malformed.');
        }
      });
    },
  };
}

interface HttpExtension {
  status?: number;
  spec?: boolean;
}

/** A client error as a 4xx, whatever the Accept header: masked (unexpected) errors stay as they are. */
function asClientError(error: GraphQLError): GraphQLError {
  const http = error.extensions?.http as HttpExtension | undefined;
  const unexpected = error.extensions?.unexpected || (http?.status ?? 0) >= 500 || (!http && error.originalError);
  if (unexpected || (http?.status && !http.spec)) return error;
  // Yoga's JSON parser adds its own message, which quotes the body back: the client sent it.
  const { originalError: _quote, ...extensions } = error.extensions ?? {};
  return withExtensions(error, { ...extensions, code: error.extensions?.code ?? 'BAD_REQUEST', http: { ...http, status: http?.status ?? 400, spec: false } });
}

/**
 * A request that fails before anything runs (a document that does not parse, an invalid one,
 * a missing query) answers 4xx: Yoga follows GraphQL over HTTP and answers such errors 200
 * when the client accepts application/json, but SPEC §4 wants HTTP 400 for a parse failure.
 */
function useClientErrorStatus(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || 'data' in result || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((error) => (error instanceof GraphQLError ? asClientError(error) : error)) });
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
  return [useStrictRequestParameters(), useClientErrorStatus(), useJsonErrorBodies()];
}
