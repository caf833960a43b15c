// authql/gateway: what a gateway in front of authql (stitching, Apollo Gateway, Hive Gateway, a
// proxy of one's own) passes on about the end user, one rule for every recipe. It imports
// nothing, so a gateway process loads none of authql's server to use it.

/** The end user's request headers that go to authql (and to every subgraph). */
const TO_AUTHQL = ['authorization', 'cookie', 'origin', 'user-agent'];
/** authql's response headers that go back to the end user. */
const TO_CLIENT = ['set-cookie', 'retry-after'];

/**
 * The headers that say who the end user is: their credentials (Authorization, or the session
 * cookie in cookie mode, with the Origin that cookie mode checks), their user agent (a
 * session's device) and their address. `remoteAddress` is the address the gateway sees (its
 * socket's peer); it is appended to X-Forwarded-For, as any proxy does, and authql believes it
 * only from the sources in its `trustProxy` (the gateway's own address).
 */
export function headersForAuthql(header: (name: string) => string | null | undefined, remoteAddress: string | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of TO_AUTHQL) {
    const value = header(name);
    if (value) headers[name] = value;
  }
  const forwardedFor = [header('x-forwarded-for'), remoteAddress].filter(Boolean).join(', ');
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return headers;
}

/**
 * What of authql's answer the end user's browser must see: the session cookie it sets or
 * clears, and Retry-After with RATE_LIMITED. Iterating a Fetch `Headers` gives each
 * Set-Cookie on its own.
 */
export function headersForClient(headers: Iterable<[string, string]>): [string, string][] {
  return [...headers].filter(([name]) => TO_CLIENT.includes(name.toLowerCase()));
}
