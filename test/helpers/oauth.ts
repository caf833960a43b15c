// Providers for the social-login stories: a real OpenID provider (oidc-provider, in a child
// process) and a stand-in of GitHub's three endpoints; plus a browser-less walk through a
// provider's sign-in that ends where the provider sends the browser back.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface TestProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  /** Makes the next token response carry an ID token with an altered payload ('tamper') or another request's nonce ('nonce'). */
  trickNextToken(trick: 'tamper' | 'nonce'): Promise<void>;
  close(): Promise<void>;
}

export const TEST_CLIENT = { client_id: 'authql-test', client_secret: 'authql-test-secret-0123456789' };

export async function startOidcProvider(options: { redirectUris: string[]; accounts: Record<string, TestProviderAccount> }): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
    env: { ...process.env, NODE_ENV: 'test', OIDC_TEST_SETTINGS: JSON.stringify({ clients: [{ ...TEST_CLIENT, redirect_uris: options.redirectUris }], accounts: options.accounts }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test OpenID provider did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const match = /listening (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`the test OpenID provider exited (${code}):\n${output}`)));
  });
  return {
    issuer,
    async trickNextToken(trick) {
      await fetch(`${issuer}/__test/next-token?trick=${trick}`, { method: 'POST' });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** What the provider sent the browser back with. */
export interface CallbackParams {
  url: URL;
  code: string | null;
  state: string | null;
  iss: string | null;
  error: string | null;
}

/**
 * Follows the authorization URL as a browser would (keeping the provider's cookies), picks an
 * account on the sign-in page (or denies), and stops at the redirect back to the site.
 */
export async function signInAtProvider(authorizationUrl: string, choice: { account: string } | 'deny', redirectUri: string): Promise<CallbackParams> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 15; hop++) {
    if (url.href.startsWith(redirectUri)) {
      const get = (name: string) => url.searchParams.get(name);
      return { url, code: get('code'), state: get('state'), iss: get('iss'), error: get('error') };
    }
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const page = await response.text();
    const link = choice === 'deny' ? /id="deny" href="([^"]+)"/.exec(page) : new RegExp(`id="sign-in-${choice.account}" href="([^"]+)"`).exec(page);
    if (!link) throw new Error(`the provider answered ${response.status} without a way on:\n${page.slice(0, 500)}`);
    url = new URL(link[1].replace(/&amp;/g, '&'), url);
  }
  throw new Error('too many redirects at the provider');
}

export interface GitHubStandIn {
  /** Base URL; the preset's endpoints are <url>/login/oauth/authorize, <url>/login/oauth/access_token and <url>/api. */
  url: string;
  endpoints: { authorization: string; token: string; api: string };
  /** What the token endpoint saw last (to check PKCE and the client secret). */
  lastTokenRequest: URLSearchParams | null;
  close(): Promise<void>;
}

/**
 * A stand-in for GitHub's OAuth app endpoints, answering as GitHub documents them: the
 * authorize page redirects straight back with a code for the given user, the token endpoint
 * answers JSON (errors too, with status 200, as GitHub does), and the API serves /user and /user/emails.
 */
export async function startGitHubStandIn(user: { id: number; login: string; emails: { email: string; primary: boolean; verified: boolean }[] }): Promise<GitHubStandIn> {
  const codes = new Map<string, { redirectUri: string; challenge: string }>();
  const tokens = new Set<string>();
  let counter = 0;
  const standIn: GitHubStandIn = { url: '', endpoints: { authorization: '', token: '', api: '' }, lastTokenRequest: null, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, standIn.url);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/login/oauth/authorize') {
      const code = `code-${++counter}`;
      codes.set(code, { redirectUri: url.searchParams.get('redirect_uri')!, challenge: url.searchParams.get('code_challenge')! });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state')!);
      res.writeHead(302, { location: back.href });
      res.end();
      return;
    }
    if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', async () => {
        const params = new URLSearchParams(body);
        standIn.lastTokenRequest = params;
        const issued = codes.get(params.get('code') ?? '');
        codes.delete(params.get('code') ?? '');
        const { createHash } = await import('node:crypto');
        const challenge = createHash('sha256').update(params.get('code_verifier') ?? '').digest('base64url');
        if (!issued || issued.redirectUri !== params.get('redirect_uri') || issued.challenge !== challenge || params.get('client_secret') !== TEST_CLIENT.client_secret) {
          return json(200, { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.', error_uri: 'https://docs.github.com/apps/troubleshooting' });
        }
        const token = `gho_${++counter}`;
        tokens.add(token);
        json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
      });
      return;
    }
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return json(401, { message: 'Bad credentials' });
    if (url.pathname === '/api/user') return json(200, { id: user.id, login: user.login, email: null });
    if (url.pathname === '/api/user/emails') return json(200, user.emails.map((e) => ({ ...e, visibility: e.primary ? 'private' : null })));
    json(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.endpoints = { authorization: `${standIn.url}/login/oauth/authorize`, token: `${standIn.url}/login/oauth/access_token`, api: `${standIn.url}/api` };
  standIn.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return standIn;
}
