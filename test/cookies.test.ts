// Cookie mode: the session token travels in an httpOnly cookie; every POST
// needs a preflighted body (or Yoga's CSRF header), cookie or not, so a cross-site form can
// neither use the cookie nor log a visitor into another account; a foreign Origin is
// refused, and a request that uses the cookie must name an allowed Origin; CORS answers
// only the allow-list; logout clears the cookie. Real HTTP, a real database, and a real
// headless Chromium talking to the server from another origin and from another site.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, startLocalSite, type LaunchedChromium, type LocalSite } from './helpers/browser';
import { LOGIN, PASSWORD, register } from './helpers/journeys';
import { withCleanup, withResource } from './helpers/resources';
import { queryOf, startTestServer, type TestServer, withSmtpServer, withTestServer } from './helpers/server';
import { member } from './helpers/users';

const ME = '{ me { id email } }';
const LOGOUT = 'mutation { logout { __typename ... on LogoutSuccess { ok } } }';
const COOKIE_NAME = 'authql_session';
// A Secure cookie without Domain, for the whole site: no subdomain or plain-http page can set one of this name.
const HOST_COOKIE_NAME = '__Host-authql_session';
const THIRTY_DAYS = 30 * 86400;
const ARTIFACTS = path.resolve(__dirname, 'artifacts');

interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** A request as a browser would send it: we choose every header (Origin, Cookie, content type). */
async function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | URLSearchParams | FormData }): Promise<RawResponse> {
  const response = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const codesOf = (response: RawResponse): unknown[] => (response.body?.errors ?? []).map((e: any) => e.extensions?.code);

/** The Set-Cookie line for the session cookie, split into its attributes. */
function sessionCookieOf(response: RawResponse | { headers: Headers }, name = COOKIE_NAME) {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) return null;
  const [pair, ...attributes] = line.split(';').map((s) => s.trim());
  const flags = new Map(attributes.map((a) => {
    const [key, ...value] = a.split('=');
    return [key.toLowerCase(), value.join('=')] as const;
  }));
  return { line, pair, value: decodeURIComponent(pair.slice(name.length + 1)), flags };
}

/** A tiny web server for one origin, answering one HTML page. */
function startPageServer(page: () => string): Promise<LocalSite> {
  return startLocalSite((request, response) => {
    if (request.url?.startsWith('/favicon')) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page());
  });
}

let apiUrl = '';
// The SPA's origin (allowed) and another site's origin (not allowed).

const APP_PAGE = () => `<!doctype html>
<html><head><meta charset="utf-8"><title>Acme SPA (allowed origin)</title>
<style>body{font:14px system-ui,sans-serif;margin:24px} pre{background:#f4f4f4;padding:12px;white-space:pre-wrap}</style></head>
<body><h1>Acme SPA on <span id="origin"></span></h1><p>authql at <code>${apiUrl}</code>, cookie mode</p><pre id="log"></pre>
<script>
const API = ${JSON.stringify(apiUrl)};
document.getElementById('origin').textContent = location.origin;
document.cookie = 'theme=dark; path=/';
const log = (line) => { document.getElementById('log').textContent += line + '\\n'; };
async function call(query, variables) {
  const response = await fetch(API, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  log(response.status + ' ' + JSON.stringify(body));
  return { status: response.status, body };
}
const LOGIN = ${JSON.stringify(queryOf(LOGIN))};
window.signIn = async (email, password) => {
  log('> login ' + email);
  return call(LOGIN, { input: { email, password } });
};
window.readMe = async () => {
  log('> me');
  return call(${JSON.stringify(ME)});
};
window.signOut = async () => {
  log('> logout');
  return call(${JSON.stringify(LOGOUT)});
};
window.story = async (email, password) => {
  const steps = {};
  steps.login = await window.signIn(email, password);
  steps.meAfterLogin = await window.readMe();
  steps.cookieSeenByScript = document.cookie;
  log('> document.cookie = ' + JSON.stringify(document.cookie));
  steps.logout = await window.signOut();
  steps.meAfterLogout = await window.readMe();
  return steps;
};
</script></body></html>`;

const ELSEWHERE_PAGE = () => `<!doctype html>
<html><head><meta charset="utf-8"><title>Another site (not allowed)</title></head>
<body><h1>Another site on <span id="origin"></span></h1><pre id="log"></pre>
<script>
const API = ${JSON.stringify(apiUrl)};
document.getElementById('origin').textContent = location.origin;
const log = (line) => { document.getElementById('log').textContent += line + '\\n'; };
async function attempt(label, init) {
  try {
    const response = await fetch(API, { method: 'POST', credentials: 'include', ...init });
    const text = await response.text();
    log(label + ': ' + response.status + ' ' + text);
    return { status: response.status, text };
  } catch (error) {
    log(label + ': rejected: ' + error);
    return { rejected: String(error) };
  }
}
window.steal = async () => ({
  json: await attempt('JSON', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ${JSON.stringify(ME)} }) }),
  simple: await attempt('text/plain', { headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: ${JSON.stringify(ME)} }) }),
});
</script></body></html>`;

// Stopped in reverse order: the server, then the pages, then the SMTP server.
const smtp = withSmtpServer();
const app = withResource('the SPA page', () => startPageServer(APP_PAGE), (page) => page.close());
const elsewhere = withResource('the page elsewhere', () => startPageServer(ELSEWHERE_PAGE), (page) => page.close());
const server = withTestServer(() => ({ cookies: { enabled: true }, cors: { origins: [app.origin] } }), { smtp });
beforeAll(async () => {
  apiUrl = server.url;
});

/** Logs in (no cookie sent yet, so no Origin needed) and answers the session cookie. */
async function loginCookie(target: TestServer, email: string) {
  const response = await send(target.url, { headers: { 'content-type': 'application/json' }, body: json(queryOf(LOGIN), { input: { email, password: PASSWORD } }) });
  expect(response.body.errors).toBeUndefined();
  return { response, cookie: sessionCookieOf(response) };
}

describe('the session cookie', () => {
  test('a member who logs in gets an httpOnly, SameSite=Lax cookie for 30 days (not Secure on http://127.0.0.1 in development), and no token in the body', async () => {
    const email = 'cookie.login@example.com';
    const { id } = await member(server, email);
    const { response, cookie } = await loginCookie(server, email);
    expect(response.body.data.login).toEqual({ __typename: 'LoginSuccess', token: null, user: { id, email } });
    expect(cookie).not.toBeNull();
    expect(cookie!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie!.flags.has('httponly')).toBe(true);
    expect(cookie!.flags.get('samesite')).toBe('Lax');
    expect(cookie!.flags.get('path')).toBe('/');
    expect(cookie!.flags.get('max-age')).toBe(String(THIRTY_DAYS));
    expect(cookie!.flags.has('secure')).toBe(false);
    // A failed login sets nothing.
    const wrong = await send(server.url, { headers: { 'content-type': 'application/json' }, body: json(queryOf(LOGIN), { input: { email, password: 'not my password' } }) });
    expect(wrong.body.data.login.code).toBe('INVALID_CREDENTIALS');
    expect(sessionCookieOf(wrong)).toBeNull();
  });

  test.each([
    ['cookies.secure: true', { cookies: { enabled: true, secure: true } }],
    ['production: true', { cookies: { enabled: true }, production: true, frontend: { domain: 'app.example.test', siteName: 'Acme' } }],
  ] as const)('with %s, the cookie is Secure even on http://127.0.0.1, and named with the __Host- prefix', async (_label, options) => {
    const secure = await startTestServer(options, { smtp });
    try {
      const registered = await register(secure, { email: 'secure.cookie@example.com', password: PASSWORD });
      expect(registered.__typename).toBe('RegisterSuccess');
      const { response } = await loginCookie(secure, 'secure.cookie@example.com');
      const cookie = sessionCookieOf(response, HOST_COOKIE_NAME);
      expect(response.body.data.login.token).toBeNull();
      expect(cookie).not.toBeNull();
      expect(cookie!.flags.has('secure')).toBe(true);
      expect(cookie!.flags.has('httponly')).toBe(true);
      expect(cookie!.flags.get('samesite')).toBe('Lax');
    } finally {
      await secure.close();
    }
  });
});

describe('CSRF: requests authenticated by the cookie', () => {
  let id: string;
  let cookie: string;
  const email = 'cookie.csrf@example.com';
  beforeAll(async () => {
    id = (await member(server, email)).id;
    cookie = (await loginCookie(server, email)).cookie!.pair;
  });

  const meWith = (headers: Record<string, string>, body = json(ME)) => send(server.url, { headers: { cookie, ...headers }, body });

  test('the SPA on the allowed origin reads `me` with the cookie and a JSON body', async () => {
    const response = await meWith({ origin: app.origin, 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { me: { id, email } } });
  });

  test('a page on another origin sending the cookie is refused with 403 FORBIDDEN, as is a request without Origin', async () => {
    const other = await meWith({ origin: elsewhere.origin, 'content-type': 'application/json' });
    expect(other.status).toBe(403);
    expect(codesOf(other)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(other.body)).not.toContain(email);

    const lookalike = await meWith({ origin: `${app.origin}.evil.test`, 'content-type': 'application/json' });
    expect(lookalike.status).toBe(403);
    expect(codesOf(lookalike)).toEqual(['FORBIDDEN']);

    const noOrigin = await meWith({ 'content-type': 'application/json' });
    expect(noOrigin.status).toBe(403);
    expect(codesOf(noOrigin)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(noOrigin.body)).not.toContain(email);
  });

  test('a "simple" cross-site form post (text/plain, no CSRF header) is refused with FORBIDDEN, even from the allowed origin', async () => {
    const simple = await meWith({ origin: app.origin, 'content-type': 'text/plain' });
    expect(simple.status).toBe(403);
    expect(codesOf(simple)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(simple.body)).not.toContain(email);

    const form = await meWith({ origin: app.origin, 'content-type': 'application/x-www-form-urlencoded' }, `query=${encodeURIComponent(ME)}`);
    expect(codesOf(form)).toEqual(['FORBIDDEN']);
    const logoutByForm = await meWith({ origin: app.origin, 'content-type': 'text/plain' }, json(LOGOUT));
    expect(codesOf(logoutByForm)).toEqual(['FORBIDDEN']);

    // The member is still signed in: none of it ran.
    expect((await meWith({ origin: app.origin, 'content-type': 'application/json' })).body.data.me).toEqual({ id, email });
  });

  test('a mutation sent over GET is refused (a link or an <img> cannot log anyone out)', async () => {
    const url = `${server.url}?query=${encodeURIComponent(LOGOUT)}`;
    const plainGet = await send(url, { method: 'GET', headers: { cookie, origin: app.origin } });
    expect(plainGet.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(plainGet.body)).not.toContain('LogoutSuccess');

    // Even with the CSRF header and an allowed Origin, Yoga refuses mutations over GET.
    const withHeader = await send(url, { method: 'GET', headers: { cookie, origin: app.origin, 'x-graphql-yoga-csrf': '1', accept: 'application/json' } });
    expect(withHeader.status).toBe(405);
    expect(JSON.stringify(withHeader.body)).not.toContain('LogoutSuccess');

    expect((await meWith({ origin: app.origin, 'content-type': 'application/json' })).body.data.me).toEqual({ id, email });
  });

  test('logout clears the cookie (Max-Age=0), and the old cookie value no longer signs anyone in', async () => {
    const logoutEmail = 'cookie.logout@example.com';
    await member(server, logoutEmail);
    const own = (await loginCookie(server, logoutEmail)).cookie!;
    const out = await send(server.url, { headers: { cookie: own.pair, origin: app.origin, 'content-type': 'application/json' }, body: json(LOGOUT) });
    expect(out.body).toEqual({ data: { logout: { __typename: 'LogoutSuccess', ok: true } } });
    const cleared = sessionCookieOf(out);
    expect(cleared).not.toBeNull();
    expect(cleared!.value).toBe('');
    expect(cleared!.flags.get('max-age')).toBe('0');
    expect(cleared!.flags.has('httponly')).toBe(true);

    const replay = await send(server.url, { headers: { cookie: own.pair, origin: app.origin, 'content-type': 'application/json' }, body: json(ME) });
    expect(replay.body.data?.me ?? null).toBeNull();
    expect(codesOf(replay)).toEqual(['UNAUTHENTICATED']);
    // The cookie of the other member is unaffected.
    expect((await meWith({ origin: app.origin, 'content-type': 'application/json' })).body.data.me).toEqual({ id, email });
  });
});

describe('login CSRF: every POST is checked, with a cookie or without', () => {
  const mallory = 'mallory@example.com';
  const loginMallory = `mutation { login(input: { email: "${mallory}", password: "${PASSWORD}" }) { __typename } }`;
  beforeAll(async () => {
    await member(server, mallory);
  });

  /** What a cross-site <form> can post, in each of its three encodings: no preflight, no CSRF header. */
  const formBodies = () => {
    const multipart = new FormData();
    multipart.set('operations', json(loginMallory));
    return [
      ['form-encoded', new URLSearchParams({ query: loginMallory })],
      ['multipart', multipart],
      ['text/plain', json(loginMallory)],
    ] as const;
  };

  test("a visitor without a cookie is not logged into the attacker's account by a form on another site, nor by one without any Origin", async () => {
    for (const origin of [elsewhere.origin, null]) {
      for (const [encoding, body] of formBodies()) {
        const headers: Record<string, string> = origin ? { origin } : {};
        if (encoding === 'text/plain') headers['content-type'] = 'text/plain;charset=UTF-8';
        const response = await send(server.url, { headers, body });
        expect({ origin, encoding, status: response.status, codes: codesOf(response) }).toEqual({ origin, encoding, status: 403, codes: ['FORBIDDEN'] });
        expect(sessionCookieOf(response)).toBeNull();
      }
    }
  });

  test('a JSON login from a page on another origin is refused too; from the allowed origin, or from a server (no Origin), it logs in', async () => {
    const body = json(queryOf(LOGIN), { input: { email: mallory, password: PASSWORD } });
    const foreign = await send(server.url, { headers: { origin: elsewhere.origin, 'content-type': 'application/json' }, body });
    expect(foreign.status).toBe(403);
    expect(codesOf(foreign)).toEqual(['FORBIDDEN']);
    expect(sessionCookieOf(foreign)).toBeNull();

    for (const headers of [{ origin: app.origin }, {}] as Record<string, string>[]) {
      const allowed = await send(server.url, { headers: { ...headers, 'content-type': 'application/json' }, body });
      expect(allowed.body.data.login.__typename).toBe('LoginSuccess');
      expect(sessionCookieOf(allowed)).not.toBeNull();
    }
  });

  test("a browser's own Basic or Negotiate Authorization header exempts nothing: the cookie is still read, and still checked", async () => {
    const email = 'cookie.basic@example.com';
    const { id } = await member(server, email);
    const cookie = (await loginCookie(server, email)).cookie!.pair;
    for (const authorization of ['Basic YWxpY2U6c2VjcmV0', 'Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg']) {
      const crossSite = await send(server.url, { headers: { cookie, authorization, origin: elsewhere.origin, 'content-type': 'text/plain' }, body: json(ME) });
      expect(crossSite.status).toBe(403);
      expect(JSON.stringify(crossSite.body)).not.toContain(email);
      const noOrigin = await send(server.url, { headers: { cookie, authorization, 'content-type': 'application/json' }, body: json(ME) });
      expect(noOrigin.status).toBe(403);
      expect(JSON.stringify(noOrigin.body)).not.toContain(email);
      // From the SPA's origin, the cookie signs the member in as usual.
      const own = await send(server.url, { headers: { cookie, authorization, origin: app.origin, 'content-type': 'application/json' }, body: json(ME) });
      expect(own.body).toEqual({ data: { me: { id, email } } });
    }
  });

  test('a GET that uses the cookie needs an allowed Origin: a link (no Origin) or another site reads nothing; the SPA may', async () => {
    const email = 'cookie.get@example.com';
    const { id } = await member(server, email);
    const cookie = (await loginCookie(server, email)).cookie!.pair;
    const url = `${server.url}?query=${encodeURIComponent(ME)}`;
    for (const headers of [{}, { origin: elsewhere.origin }, { origin: elsewhere.origin, 'x-graphql-yoga-csrf': '1' }] as Record<string, string>[]) {
      const refused = await send(url, { method: 'GET', headers: { cookie, accept: 'application/json', ...headers } });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain(email);
    }
    const spa = await send(url, { method: 'GET', headers: { cookie, accept: 'application/json', origin: app.origin } });
    expect(spa.body).toEqual({ data: { me: { id, email } } });
  });
});

describe('nobody can plant or shadow the session cookie', () => {
  test('a Secure cookie without a Domain is __Host-authql_session: it signs in, while the same token under the plain name (as a sibling subdomain could set it) is not read', async () => {
    const secure = await startTestServer({ cookies: { enabled: true, secure: true } }, { smtp });
    try {
      const email = 'host.prefix@example.com';
      const { id } = await member(secure, email);
      const { response } = await loginCookie(secure, email);
      expect(sessionCookieOf(response)).toBeNull();
      const cookie = sessionCookieOf(response, HOST_COOKIE_NAME)!;
      expect(cookie.flags.has('secure')).toBe(true);
      expect(cookie.flags.get('path')).toBe('/');
      expect(cookie.flags.has('domain')).toBe(false);
      const me = (header: string) => send(secure.url, { headers: { cookie: header, origin: new URL(secure.url).origin, 'content-type': 'application/json' }, body: json(ME) });
      expect((await me(`${HOST_COOKIE_NAME}=${cookie.value}`)).body).toEqual({ data: { me: { id, email } } });
      expect((await me(`${COOKIE_NAME}=${cookie.value}`)).body).toEqual({ data: { me: null } });
      // Logout clears the prefixed cookie.
      const out = await send(secure.url, { headers: { cookie: `${HOST_COOKIE_NAME}=${cookie.value}`, origin: new URL(secure.url).origin, 'content-type': 'application/json' }, body: json(LOGOUT) });
      expect(sessionCookieOf(out, HOST_COOKIE_NAME)?.flags.get('max-age')).toBe('0');
    } finally {
      await secure.close();
    }
  });

  test('with a Domain the cookie keeps its plain name (a __Host- cookie may have none)', async () => {
    const shared = await startTestServer({ cookies: { enabled: true, secure: true, domain: 'example.test' } }, { smtp });
    try {
      await member(shared, 'domain.cookie@example.com');
      const cookie = sessionCookieOf((await loginCookie(shared, 'domain.cookie@example.com')).response);
      expect(cookie?.flags.get('domain')).toBe('example.test');
      expect(cookie?.flags.has('secure')).toBe(true);
    } finally {
      await shared.close();
    }
  });

  test("a request carrying two session cookies uses neither: the attacker's planted cookie beside the victim's signs nobody in", async () => {
    const victim = await member(server, 'two.cookies.victim@example.com');
    const attacker = await member(server, 'two.cookies.attacker@example.com');
    const victimCookie = (await loginCookie(server, victim.email)).cookie!.value;
    const attackerCookie = (await loginCookie(server, attacker.email)).cookie!.value;
    const me = (header: string) => send(server.url, { headers: { cookie: header, origin: app.origin, 'content-type': 'application/json' }, body: json(ME) });
    for (const header of [
      `${COOKIE_NAME}=${attackerCookie}; ${COOKIE_NAME}=${victimCookie}`,
      `${COOKIE_NAME}=${victimCookie}; theme=dark; ${COOKIE_NAME}=${attackerCookie}`,
      `${COOKIE_NAME}=${victimCookie}; ${COOKIE_NAME}=${victimCookie}`,
    ]) {
      const answer = await me(header);
      expect({ header, status: answer.status, body: answer.body }).toEqual({ header, status: 200, body: { data: { me: null } } });
    }
    // One cookie alone still signs its owner in.
    expect((await me(`theme=dark; ${COOKIE_NAME}=${victimCookie}`)).body).toEqual({ data: { me: { id: victim.id, email: victim.email } } });
  });
});

describe('a malformed Cookie header', () => {
  test('counts as no cookie: every request is answered (never a 500), and `me` is null', async () => {
    for (const header of [`${COOKIE_NAME}=%E0%A4%A`, `theme=dark; ${COOKIE_NAME}=%`, `${COOKIE_NAME}=%ZZ; other=1`]) {
      const typename = await send(server.url, { headers: { cookie: header, 'content-type': 'application/json' }, body: json('{ __typename }') });
      expect({ header, status: typename.status, body: typename.body }).toEqual({ header, status: 200, body: { data: { __typename: 'Query' } } });
      const me = await send(server.url, { headers: { cookie: header, 'content-type': 'application/json' }, body: json(ME) });
      expect({ header, status: me.status, body: me.body }).toEqual({ header, status: 200, body: { data: { me: null } } });
    }
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  test('a preflight from the allowed origin may send credentials and JSON', async () => {
    const response = await preflight(app.origin);
    await response.body?.cancel();
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe(app.origin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  test('a preflight from another origin is not allowed for that origin', async () => {
    const response = await preflight(elsewhere.origin);
    await response.body?.cancel();
    expect(response.headers.get('access-control-allow-origin')).not.toBe(elsewhere.origin);
    expect(response.headers.get('access-control-allow-origin')).not.toBe('*');
  });
});

describe('in a real browser (headless Chromium)', () => {
  const cleanup = withCleanup();
  let launched: LaunchedChromium | null = null;
  /** Chromium, launched by the first story that needs it and closed after the block. */
  const chromium = async () => (launched ??= cleanup.add(await launchChromium(), (browser) => browser.close()));

  test('an SPA on an allowed origin signs in with the cookie, which its script cannot read, and signs out; a page on another origin never sees who is signed in', async () => {
    const email = 'browser.cookie@example.com';
    const { id } = await member(server, email);
    const { browser } = await chromium();
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const spa = await context.newPage();
    await spa.goto(`${app.origin}/`);

    const story = await spa.evaluate(([e, p]) => (window as any).story(e, p), [email, PASSWORD] as const);
    expect(story.login).toEqual({ status: 200, body: { data: { login: { __typename: 'LoginSuccess', token: null, user: { id, email } } } } });
    expect(story.meAfterLogin).toEqual({ status: 200, body: { data: { me: { id, email } } } });
    // The page's own cookie is readable, the session cookie is not.
    expect(story.cookieSeenByScript).toContain('theme=dark');
    expect(story.cookieSeenByScript).not.toContain(COOKIE_NAME);
    expect(story.logout).toEqual({ status: 200, body: { data: { logout: { __typename: 'LogoutSuccess', ok: true } } } });
    expect(story.meAfterLogout).toEqual({ status: 200, body: { data: { me: null } } });
    expect((await context.cookies(apiUrl)).map((c) => c.name)).not.toContain(COOKIE_NAME);

    // Signed in again, the browser holds the cookie (httpOnly, Lax) ...
    expect((await spa.evaluate(([e, p]) => (window as any).signIn(e, p), [email, PASSWORD] as const)).body.data.login.__typename).toBe('LoginSuccess');
    const held = (await context.cookies(apiUrl)).find((c) => c.name === COOKIE_NAME);
    expect(held).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, domain: '127.0.0.1', path: '/' });

    // ... and another site, in the same browser, cannot use it to learn who is signed in.
    const thief = await context.newPage();
    await thief.goto(`${elsewhere.origin}/`);
    const stolen = await thief.evaluate(() => (window as any).steal());
    expect(JSON.stringify(stolen)).not.toContain(email);
    for (const attempt of [stolen.json, stolen.simple]) {
      const refused = 'rejected' in attempt || /FORBIDDEN/.test(attempt.text);
      expect({ attempt, refused }).toEqual({ attempt, refused: true });
    }

    // The SPA is still signed in: the other site was refused, not merely cookie-less.
    expect((await spa.evaluate(() => (window as any).readMe())).body.data.me).toEqual({ id, email });
    await thief.close();
    await spa.bringToFront();
    mkdirSync(ARTIFACTS, { recursive: true });
    await spa.screenshot({ path: path.join(ARTIFACTS, 'cookie-mode.png'), fullPage: true });
  }, 180_000);

  test("a page on another site that submits a login form for the attacker's account (form-encoded, multipart, text/plain) leaves the visitor logged out", async () => {
    const mallory = 'mallory.browser@example.com';
    await member(server, mallory);
    // 127.0.0.2 is another site than 127.0.0.1: a SameSite=Lax cookie set by a top-level form post would stick.
    const attacker = await startLocalSite((request, response) => {
      const enctype = new URL(request.url ?? '/', 'http://x').searchParams.get('enctype') ?? '';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(LOGIN_CSRF_PAGE(enctype, mallory));
    }, '127.0.0.2');
    try {
      const context = await (await chromium()).browser.newContext();
      const page = await context.newPage();
      const answers: Record<string, string> = {};
      for (const enctype of ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']) {
        await Promise.all([page.waitForURL((url) => url.href.startsWith(apiUrl)), page.goto(`${attacker.origin}/?enctype=${encodeURIComponent(enctype)}`)]);
        answers[enctype] = (await page.textContent('body')) ?? '';
      }
      // The visitor opens the SPA afterwards: nobody is signed in, certainly not Mallory.
      const spa = await context.newPage();
      await spa.goto(`${app.origin}/`);
      expect(await spa.evaluate(() => (window as any).readMe())).toEqual({ status: 200, body: { data: { me: null } } });
      expect((await context.cookies(apiUrl)).map((c) => c.name)).not.toContain(COOKIE_NAME);
      expect(Object.values(answers).join('\n')).not.toContain('LoginSuccess');
      await context.close();
    } finally {
      await attacker.close();
    }
  }, 180_000);
});

/** Another site's page that, once loaded, posts a login for `email` to authql as a plain HTML form. */
const LOGIN_CSRF_PAGE = (enctype: string, email: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>You won a prize</title></head>
<body><h1>You won a prize</h1>
<form id="form" method="POST" action="${apiUrl}" enctype="${enctype}"><input type="hidden" name="query"><input type="hidden" name="operations"></form>
<script>
const login = ${JSON.stringify(`mutation { login(input: { email: "${email}", password: "${PASSWORD}" }) { __typename } }`)};
const form = document.getElementById('form');
form.query.value = login;
form.operations.value = JSON.stringify({ query: login });
addEventListener('load', () => setTimeout(() => form.submit(), 0));
</script></body></html>`;
