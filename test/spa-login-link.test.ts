// The scanner-safe sign-in link (SPEC §16) in a real browser: the emailed link opens the example
// SPA, which only shows a "Sign in" button. A corporate mail scanner fetches the link and even
// renders the page: nothing is spent. Then the user opens it, presses "Sign in", and is signed in.
import type { Request } from 'playwright-core';
import { launchChromium, within, type LaunchedChromium } from './helpers/browser';
import { PASSWORD, linkParts, register } from './helpers/journeys';
import { startTestServer, type TestServer } from './helpers/server';
import { startSpa, statusOf, visible, type BuiltSpa } from './helpers/spa';
import { graphql } from './generated';

jest.setTimeout(180_000);

let site: BuiltSpa | null = null;
let chromiumHandle: LaunchedChromium | null = null;
let server: TestServer | null = null;

beforeAll(async () => {
  site = await startSpa();
  chromiumHandle = await launchChromium();
}, 180_000);

afterAll(async () => {
  await within(chromiumHandle?.close(), 15_000);
  await server?.close();
  await site?.close();
});

const REQUEST_LOGIN_CODE = graphql(`mutation SpaLoginLinkRequestLoginCode($input: RequestLoginCodeInput!) { requestLoginCode(input: $input) { __typename } }`);
const LOGIN_WITH_LINK = graphql(`mutation LoginWithLink($input: LoginWithLinkInput!) { loginWithLink(input: $input) { __typename ... on AuthError { code } } }`);

test('a scanner that fetches and renders the sign-in link spends nothing; the user presses "Sign in" and is signed in, once', async () => {
  server = await startTestServer({
    passwordless: { enabled: true },
    frontend: { domain: new URL(site!.origin).host, protocol: 'http', siteName: 'Example' },
    cors: { origins: [site!.origin] },
  });
  const email = 'scanned@example.com';
  await register(server, { email, password: PASSWORD });
  await server.gql(REQUEST_LOGIN_CODE, { input: { email } });
  const link = linkParts(await server.smtp.waitForEmail((e) => e.to === email && /sign-in code/.test(e.subject)));
  expect(link.url).toBe(`${site!.origin}/#/login/link/${link.uid}/${link.token}`);
  // The emailed link has no ?api=; the test's authql is not on the default port, so it is added.
  const spaUrl = `${site!.origin}/?api=${encodeURIComponent(server.url)}&mode=token`;
  const calls: string[] = [];
  const watch = (request: Request) => {
    if (request.url() === server!.url && request.method() === 'POST') calls.push(String(request.postDataJSON()?.query ?? '').match(/(loginWithLink|requestLoginCode|me)\b/)?.[1] ?? 'other');
  };

  // The scanner: a plain GET of the link, then a browser that opens the page and looks at it.
  const fetched = await fetch(link.url);
  expect(fetched.status).toBe(200);
  const scanner = await chromiumHandle!.browser.newContext();
  scanner.on('request', watch);
  const scanned = await scanner.newPage();
  await scanned.goto(`${spaUrl}#/login/link/${link.uid}/${link.token}`);
  await scanned.locator('#login-link button', { hasText: 'Sign in' }).waitFor({ state: 'visible', timeout: 15_000 });
  await scanned.waitForTimeout(500);
  await scanner.close();
  expect(calls).not.toContain('loginWithLink');

  // The user opens the same link later: the page waits for the click.
  const context = await chromiumHandle!.browser.newContext();
  context.on('request', watch);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${spaUrl}#/login/link/${link.uid}/${link.token}`);
  const button = page.locator('#login-link button', { hasText: 'Sign in' });
  await button.waitFor({ state: 'visible', timeout: 15_000 });
  expect(await visible(page, '#signed-in')).toBe(false);
  expect(calls).not.toContain('loginWithLink');
  await button.click();
  await page.locator('#signed-in').waitFor({ state: 'visible', timeout: 15_000 });
  expect(await page.locator('#signed-in p').first().innerText()).toBe(`Signed in as ${email}`);
  expect(await statusOf(page)).toEqual({ text: 'Signed in with the link from your email.', error: false });
  expect(calls.filter((call) => call === 'loginWithLink')).toHaveLength(1);
  // The link leaves the address bar, and it worked once.
  expect(new URL(page.url()).hash).toBe('');
  const again = await server.gql(LOGIN_WITH_LINK, { input: { uid: link.uid, token: link.token } });
  expect(again.data.loginWithLink).toEqual({ __typename: 'AuthError', code: 'INVALID_TOKEN' });
  expect(errors).toEqual([]);
  await context.close();
});
