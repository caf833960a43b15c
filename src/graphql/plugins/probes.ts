// /health and /ready on the API's own port, for an orchestrator's liveness and readiness probes.
import type { Plugin } from 'graphql-yoga';
import { answerProbe, type Readiness } from '../../ops/readiness';

export function useProbes(readiness: Readiness): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/health' && url.pathname !== '/ready') return;
      return answerProbe(url.pathname, readiness).then((answer) => {
        if (answer) endResponse(new fetchAPI.Response(answer.body, { status: answer.status, headers: answer.headers }));
      });
    },
  };
}
