// What a gateway passes to a subgraph about the end user, and what it passes back.

/** The end user's request headers a gateway forwards to every subgraph. */
const FORWARDED = ['authorization', 'cookie', 'origin', 'user-agent'] as const;

/**
 * The headers that say who the end user is: their credentials (Authorization, or the session
 * cookie in cookie mode, with the Origin cookie mode checks) and their address. The gateway
 * appends the address it sees to X-Forwarded-For, as any proxy does; authql believes it only
 * from the sources listed in its `trustProxy` (the gateway's own address).
 */
export function headersForSubgraph(header: (name: string) => string | null | undefined, remoteAddress: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = header(name);
    if (value) headers[name] = value;
  }
  const forwardedFor = [header('x-forwarded-for'), remoteAddress].filter(Boolean).join(', ');
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return headers;
}
