// What a gateway passes on about the end user: to the subgraphs who they are and where they
// are, and back to them what authql answers for their browser.

/** The end user's request headers that go to every subgraph. */
const TO_SUBGRAPHS = ['authorization', 'cookie', 'origin', 'user-agent'];
/** A subgraph's response headers that go back to the end user. */
const TO_CLIENT = ['set-cookie', 'retry-after'];

/**
 * The headers that say who the end user is: their credentials (Authorization, or the session
 * cookie in cookie mode, with the Origin cookie mode checks) and their address. The gateway
 * appends the address it sees to X-Forwarded-For, as any proxy does; authql believes it only
 * from the sources listed in its `trustProxy` (the gateway's own address).
 */
export function headersForSubgraph(header: (name: string) => string | null | undefined, remoteAddress: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of TO_SUBGRAPHS) {
    const value = header(name);
    if (value) headers[name] = value;
  }
  const forwardedFor = [header('x-forwarded-for'), remoteAddress].filter(Boolean).join(', ');
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return headers;
}

/**
 * The session cookie authql sets or clears, and Retry-After with RATE_LIMITED. Iterating a
 * Fetch `Headers` gives each Set-Cookie on its own.
 */
export function headersForClient(headers: Iterable<[string, string]>): [string, string][] {
  return [...headers].filter(([name]) => TO_CLIENT.includes(name.toLowerCase()));
}
