// /.well-known/jwks.json: the JWT public keys, so a gateway can verify tokens itself.
import type { Plugin } from 'graphql-yoga';

/** The keys to publish, or null when JWTs are signed with HS256 (there are none: 404). */
export function useJwks(jwks: { keys: unknown[] } | null): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/.well-known/jwks.json') return;
      endResponse(
        jwks
          ? new fetchAPI.Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' } })
          : new fetchAPI.Response('{"error":"JWTs are signed with HS256: there is no public key to publish"}', { status: 404, headers: { 'content-type': 'application/json' } }),
      );
    },
  };
}
