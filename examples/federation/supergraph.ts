// The supergraph: each subgraph's SDL (as `rover subgraph introspect` fetches it), composed.
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

export interface Subgraph {
  name: string;
  url: string;
}

async function subgraphSdl({ name, url }: Subgraph): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`subgraph ${name} (${url}) gave no SDL: ${JSON.stringify(body.errors)}`);
  return body.data._service.sdl;
}

export async function composeSupergraph(subgraphs: Subgraph[]): Promise<string> {
  const services = await Promise.all(subgraphs.map(async (subgraph) => ({ ...subgraph, typeDefs: parse(await subgraphSdl(subgraph)) })));
  const composed = composeServices(services);
  if (!composed.supergraphSdl) throw new Error(`composition failed:\n${(composed.errors ?? []).map((error) => error.message).join('\n')}`);
  return composed.supergraphSdl;
}
