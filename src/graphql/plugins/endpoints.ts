// /health, /ready, /.well-known/jwks.json and the metrics on the API's port: the answers of
// ops/endpoints.ts (the same that a host's own server mounts through auth.handlers), served by Yoga.
import type { Plugin } from 'graphql-yoga';
import { toFetchResponse, type Endpoints } from '../../ops/endpoints';

export function useEndpoints(endpoints: Endpoints): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      const name = endpoints.at(url.pathname);
      if (!name) return;
      return endpoints.answer(name, { authorization: request.headers.get('authorization') }).then((answer) => {
        endResponse(toFetchResponse(answer, request.method, fetchAPI.Response));
      });
    },
  };
}
