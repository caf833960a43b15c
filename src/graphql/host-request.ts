// What a host's server hands auth.context()/auth.viewer(): graphql-yoga's initial context, a
// Node/Express request, Apollo Server's `{ req, res }`, or a Fetch Request with `{ request, ip }`.
// One normalizer turns each into what authql reads: the URL, the headers, the socket address
// and the host's Node response.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config';

/** A Fetch `Request`, or anything with its URL and `headers.get`. */
export interface FetchRequestLike {
  url?: string;
  headers: { get(name: string): string | null };
}

/** node:http's IncomingMessage, or Express's request (which adds `originalUrl` and `protocol`). */
export interface NodeRequestLike {
  url?: string;
  headers: IncomingHttpHeaders;
  socket?: { remoteAddress?: string; encrypted?: boolean } | null;
  originalUrl?: string;
  protocol?: string;
}

/** What `auth.context(…)` and `auth.viewer(…)` take. */
export type HostRequest =
  | FetchRequestLike
  | NodeRequestLike
  /** graphql-yoga's initial context (`req`/`res` on node:http), or a Fetch Request with the client's address. */
  | { request: FetchRequestLike; req?: NodeRequestLike; res?: ServerResponse; ip?: string | null }
  /** Apollo Server's context argument (Express integration). */
  | { req: NodeRequestLike; res?: ServerResponse };

export interface NormalizedRequest {
  /** Absolute, when the request tells its host; else undefined. */
  url: string | undefined;
  headers: { get(name: string): string | null };
  /** The peer that sent the request (the socket address), null when nothing tells it. */
  remoteAddress: string | null;
  /** The host's Node response (node:http, Express), when there is one. */
  response: ServerResponse | null;
  /** The object that stands for this request (the Fetch Request when there is one). */
  identity: object;
}

const isFetchRequest = (value: FetchRequestLike | NodeRequestLike): value is FetchRequestLike =>
  typeof (value.headers as { get?: unknown }).get === 'function';

function nodeHeaders(headers: IncomingHttpHeaders): NormalizedRequest['headers'] {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function nodeUrl(req: NodeRequestLike): string | undefined {
  const host = req.headers.host;
  if (!host) return undefined;
  const protocol = req.protocol ?? (req.socket?.encrypted ? 'https' : 'http');
  const url = `${protocol}://${host}${req.originalUrl ?? req.url ?? '/'}`;
  return URL.canParse(url) ? url : undefined;
}

function fromNode(req: NodeRequestLike, response: ServerResponse | null): NormalizedRequest {
  return { url: nodeUrl(req), headers: nodeHeaders(req.headers), remoteAddress: req.socket?.remoteAddress ?? null, response, identity: req };
}

/** One shape for every form a host can pass; `legacyIp` is the deprecated second argument `{ ip }`. */
export function normalizeHostRequest(input: HostRequest, legacyIp?: string | null): NormalizedRequest {
  let normalized: NormalizedRequest;
  if ('request' in input && input.request) {
    const { request, req, res, ip } = input;
    normalized = {
      url: request.url,
      headers: request.headers,
      remoteAddress: ip ?? req?.socket?.remoteAddress ?? null,
      response: res ?? null,
      identity: request,
    };
  } else if ('req' in input && input.req) {
    normalized = fromNode(input.req, input.res ?? null);
  } else {
    const request = input as FetchRequestLike | NodeRequestLike;
    normalized = isFetchRequest(request)
      ? { url: request.url, headers: request.headers, remoteAddress: null, response: null, identity: request }
      : fromNode(request, null);
  }
  return legacyIp ? { ...normalized, remoteAddress: legacyIp } : normalized;
}

type Trust = (address: string, hop: number) => boolean;
const compiled = new Map<string, Trust>();

/**
 * The trust function of a trustProxy value: true = one proxy in front, n = n proxies (whatever
 * their addresses), else the addresses, CIDRs and names (loopback, linklocal, uniquelocal)
 * whose X-Forwarded-For is believed. Throws a TypeError for a word or range it does not know.
 */
export function compileTrustProxy(trustProxy: TrustProxy): Trust {
  if (trustProxy === false) return () => false;
  if (trustProxy === true || typeof trustProxy === 'number') {
    const hops = trustProxy === true ? 1 : trustProxy;
    return (_address, hop) => hop < hops;
  }
  const sources = (typeof trustProxy === 'string' ? trustProxy.split(',') : trustProxy).map((source) => source.trim());
  const key = sources.join(',');
  let trust = compiled.get(key);
  if (!trust) {
    trust = proxyaddr.compile(sources);
    compiled.set(key, trust);
  }
  return trust;
}

/**
 * The client's address: the socket's, or, walking X-Forwarded-For from the right, the first
 * address that did not come through a trusted proxy (a client can prepend anything). Null when
 * the socket address is unknown: forwarded addresses are believed only from a known peer.
 */
export function clientIp(remoteAddress: string | null, forwardedFor: string | null, trustProxy: TrustProxy): string | null {
  if (!remoteAddress) return null;
  const headers: IncomingHttpHeaders = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  // proxy-addr reads a Node request: the socket address and the header, nothing else.
  return proxyaddr({ headers, socket: { remoteAddress } } as unknown as Parameters<typeof proxyaddr>[0], compileTrustProxy(trustProxy));
}
