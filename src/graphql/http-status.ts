// GraphQL over HTTP: a client that accepts application/graphql-response+json may be told of a
// refusal by the status (429, 503); one that accepts only application/json (Apollo Gateway,
// most typed clients) gets HTTP 200 with the error and its `retryAfter` in the body, so that
// nothing on the way turns the error into a transport failure. `Retry-After` is sent either way.
// Yoga applies the rule itself (plugins/error-status.ts marks the status as `spec`); Apollo
// Server through apollo.ts, which decides by the Accept header here.

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** The codes whose HTTP status is shown only to clients of the newer media type. */
export const STATUS_OF_CODE: Readonly<Record<string, number>> = { RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };
const BODY_ERROR_STATUSES = new Set(Object.values(STATUS_OF_CODE));

/** Whether an Accept header names application/graphql-response+json with a q above 0. */
export function acceptsGraphQLResponseJson(accept: string | null): boolean {
  return (accept ?? '').split(',').some((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    if (type !== GRAPHQL_RESPONSE_JSON) return false;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The status to answer with, and the media type it needs (null: the server's choice). */
export function statusForClient(status: number, accept: string | null): { status: number; mediaType: string | null } {
  if (!BODY_ERROR_STATUSES.has(status)) return { status, mediaType: null };
  return acceptsGraphQLResponseJson(accept) ? { status, mediaType: GRAPHQL_RESPONSE_JSON } : { status: 200, mediaType: null };
}
