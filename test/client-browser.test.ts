// authql/client and authql/react in Chromium, bundled for the browser as an app's bundler
// would (esbuild, platform browser: nothing of Node resolves there), against a real authql:
// useSession() through sign-in, an access token expiring during use with no visible sign-out,
// two tabs refreshing at once, a sign-out in one tab seen by the other, and cookie mode.
// The minified+gzip sizes of the two entry points are measured here (docs/client.md).
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import mongoose from 'mongoose';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, startLocalSite, type LaunchedChromium, type LocalSite } from './helpers/browser';
import { PASSWORD } from './helpers/journeys';
import { startTestServer, type TestServer } from './helpers/server';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp';
import { member } from './helpers/users';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..');
const CLIENT = path.join(ROOT, 'src', 'client', 'index.ts');
const REACT = path.join(ROOT, 'src', 'react', 'index.ts');

// The page: a React app with <AuthProvider> and a status line from useSession(); every text
// the line ever showed is kept in window.statuses.
const PAGE_SCRIPT = `
import { createElement as h, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { createAuthClient, MeDocument } from ${JSON.stringify(CLIENT)};
import { AuthProvider, useSession } from ${JSON.stringify(REACT)};
const params = new URLSearchParams(location.search);
const auth = createAuthClient({ url: params.get('api'), mode: params.get('mode'), storage: 'localStorage', autoRefresh: params.get('auto') !== 'off' });
window.auth = auth;
window.me = async () => (await auth.request(MeDocument)).me?.email ?? null;
window.statuses = [];
function Status() {
  const { loading, user, error } = useSession();
  const text = loading ? 'loading' : error ? 'error ' + error.code : user ? 'signed in as ' + user.email : 'signed out';
  useEffect(() => void window.statuses.push(text), [text]);
  return h('p', { id: 'status' }, text);
}
createRoot(document.getElementById('root')).render(h(AuthProvider, { client: auth }, h(Status)));
`;

let smtp: TestSmtpServer;
let chromium: LaunchedChromium;
let site: LocalSite;
let pageJs = '';

async function bundle(contents: string, options: { minify?: boolean; external?: string[] } = {}): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    external: options.external,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  pageJs = await bundle(PAGE_SCRIPT);
  site = await startLocalSite((request, response) => {
    if (request.url?.startsWith('/app.js')) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(pageJs);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>');
  });
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await site?.close();
  await smtp?.close();
});

const servers: TestServer[] = [];
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  for (const server of servers.splice(0)) await server.close();
});

async function serverFor(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer({ cors: { origins: [site.origin] }, ...options }, { smtp });
  servers.push(server);
  return server;
}

async function tabs(server: TestServer, mode: string, count: number, query = ''): Promise<Page[]> {
  const context = await chromium.browser.newContext();
  contexts.push(context);
  const pages: Page[] = [];
  for (let i = 0; i < count; i += 1) {
    const page = await context.newPage();
    await page.goto(`${site.origin}/?api=${encodeURIComponent(server.url)}&mode=${mode}${query}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'loading');
    pages.push(page);
  }
  return pages;
}

const status = (page: Page) => page.textContent('#status');
const statusBecomes = (page: Page, text: string) => page.waitForFunction((t) => document.getElementById('status')?.textContent === t, text, { timeout: 10_000 });
const signIn = (page: Page, email: string) => page.evaluate(([e, p]) => (window as any).auth.signIn({ email: e, password: p }).then((r: any) => r.__typename), [email, PASSWORD]);

function refreshesOf(server: TestServer, id: string): Promise<number> {
  return server.database
    .collection('refresh_tokens')
    .countDocuments({ userId: new mongoose.Types.ObjectId(id) })
    .then((n) => n - 1);
}

test('the browser bundles of authql/client and authql/react hold nothing of Node, and their minified+gzip sizes are small', async () => {
  const client = await bundle(`export * from ${JSON.stringify(CLIENT)};`);
  const react = await bundle(`export * from ${JSON.stringify(REACT)};`, { external: ['react'] });
  for (const code of [client, react, pageJs]) {
    expect(code).not.toMatch(/["']node:|\bBuffer\b|require\(["'](fs|path|crypto|os|http)["']\)/);
  }
  const sizes = { client: gzipSync(client).length, react: gzipSync(react).length };
  console.log(`browser bundle, minified+gzip: authql/client ${(sizes.client / 1024).toFixed(1)} KiB, authql/react ${(sizes.react / 1024).toFixed(1)} KiB (without React)`);
  expect(sizes.client).toBeLessThan(40 * 1024);
  expect(sizes.react).toBeLessThan(2 * 1024);
});

test('JWT mode: useSession() shows loading, then signed out, then the member; an access token expiring during use is refreshed with no visible sign-out', async () => {
  const server = await serverFor({ jwt: { accessLifetime: '2s' } });
  const { id } = await member(server, 'react.jwt@example.com');
  const [page] = await tabs(server, 'jwt', 1);
  expect(await status(page)).toBe('signed out');
  expect(await signIn(page, 'react.jwt@example.com')).toBe('JwtCreateSuccess');
  await statusBecomes(page, 'signed in as react.jwt@example.com');

  // In use across two expiries: the timer refreshes before each one.
  for (let i = 0; i < 6; i += 1) {
    expect(await page.evaluate(() => (window as any).me())).toBe('react.jwt@example.com');
    await page.waitForTimeout(700);
  }
  expect(await refreshesOf(server, id)).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as any).statuses)).toEqual(['loading', 'signed out', 'signed in as react.jwt@example.com']);
});

test('two tabs with an expired access token request at once: one refresh, both stay signed in', async () => {
  const server = await serverFor({ jwt: { accessLifetime: '2s' } });
  const { id } = await member(server, 'react.tabs@example.com');
  // Both tabs' timers off, so that the expiry meets the requests: the race at its worst.
  const [first, second] = await tabs(server, 'jwt', 2, '&auto=off');
  expect(await signIn(first, 'react.tabs@example.com')).toBe('JwtCreateSuccess');
  await statusBecomes(second, 'signed in as react.tabs@example.com');
  await first.waitForTimeout(2200);
  const answers = await Promise.all(
    [first, second].map((page) => page.evaluate(() => Promise.all([1, 2, 3, 4, 5].map(() => (window as any).me())))),
  );
  expect(answers.flat()).toEqual(Array(10).fill('react.tabs@example.com'));
  expect(await refreshesOf(server, id)).toBe(1);
  for (const page of [first, second]) expect(await status(page)).toBe('signed in as react.tabs@example.com');
});

test('a sign-out in one tab is seen by the other at once', async () => {
  const server = await serverFor({});
  await member(server, 'react.signout@example.com');
  const [first, second] = await tabs(server, 'jwt', 2);
  await signIn(first, 'react.signout@example.com');
  await statusBecomes(second, 'signed in as react.signout@example.com');
  await first.evaluate(() => (window as any).auth.signOut());
  await statusBecomes(second, 'signed out');
  expect(await second.evaluate(() => localStorage.getItem('authql-session'))).toBeNull();
});

test('cookie mode: the page signs in, a reload is still signed in through the cookie, and no token is ever in its storage', async () => {
  const server = await serverFor({ cookies: { enabled: true } });
  await member(server, 'react.cookie@example.com');
  const [page] = await tabs(server, 'cookie', 1);
  expect(await status(page)).toBe('signed out');
  expect(await signIn(page, 'react.cookie@example.com')).toBe('LoginSuccess');
  await statusBecomes(page, 'signed in as react.cookie@example.com');
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('authql-session')))!);
  expect(Object.keys(stored)).toEqual(['user']);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await statusBecomes(page, 'signed in as react.cookie@example.com');
  await page.evaluate(() => (window as any).auth.signOut());
  await statusBecomes(page, 'signed out');
  await page.reload();
  await statusBecomes(page, 'signed out');
});
