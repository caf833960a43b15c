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

const APPLICATION_JSON = 'application/json';

/**
 * The media type of the answer, chosen as Yoga chooses it (docs/api.md): the first type in the
 * client's order that is one of the two (any type and application/anything stand for application/json),
 * q-values not weighed; application/json when none is named.
 */
export function answerMediaType(accept: string | null): typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON {
  for (const range of (accept ?? '').split(',')) {
    const type = range.split(';')[0].trim().toLowerCase();
    if (type === GRAPHQL_RESPONSE_JSON) return GRAPHQL_RESPONSE_JSON;
    if (type === APPLICATION_JSON || type === 'application/*' || type === '*/*') return APPLICATION_JSON;
  }
  return APPLICATION_JSON;
}

/** The status to answer with, and the media type it goes with (null: the server's own choice). */
export function statusForClient(status: number, accept: string | null): { status: number; mediaType: string | null } {
  if (!BODY_ERROR_STATUSES.has(status)) return { status, mediaType: null };
  const mediaType = answerMediaType(accept);
  return { status: mediaType === GRAPHQL_RESPONSE_JSON ? status : 200, mediaType };
}
