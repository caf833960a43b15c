// The example SPA (examples/spa) in a real browser: built with Vite, served from
// its own origin on 127.0.0.1, talking to a real authql cross-origin. A member signs up,
// follows the activation link from the email, logs in, changes password, logs out, and can
// then log in with the new password only — once with a header token, once with an httpOnly
// cookie the page's script never sees.
import type { BrowserContext, Page, Request } from 'playwright-core';
import { launchChromium, within } from './helpers/browser';
import { linkParts } from './helpers/journeys';
import { startOidcProvider, TEST_CLIENT } from './helpers/oauth';
import { withCleanup, withResource } from './helpers/resources';
import { startTestServer, type TestServer } from './helpers/server';
import { nextStatus, pageToken, screenshotFiles, startSpa, statusOf, submit, visible } from './helpers/spa';
import { graphql } from './generated';

jest.setTimeout(180_000);

const COOKIE_NAME = 'authql_session';
const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'quartz lighthouse trombone 1987';

// Stopped newest first after the file: Chromium, then the SPA's site; then the servers the stories started.
const site = withResource('the SPA', () => startSpa(), (started) => started.close(), 180_000);
const chromium = withResource('Chromium', () => launchChromium(), (browser) => within(browser.close(), 15_000), 180_000);
const servers = withCleanup();

async function startAuthql(extra: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({
    sendActivationEmail: true,
    frontend: { domain: new URL(site.origin).host, protocol: 'http', siteName: 'Example' },
    cors: { origins: [site.origin] },
    ...extra,
  });
  return servers.add(server, (started) => started.close().catch((error) => console.error('closing an authql test server:', error)));
}

async function waitSignedIn(page: Page, email: string): Promise<void> {
  await page.locator('#signed-in').waitFor({ state: 'visible', timeout: 15_000 });
  expect(await page.locator('#signed-in p').first().innerText()).toBe(`Signed in as ${email}`);
  expect(await visible(page, '#signed-out')).toBe(false);
}

async function waitSignedOut(page: Page): Promise<void> {
  await page.locator('#signed-out').waitFor({ state: 'visible', timeout: 15_000 });
  expect(await visible(page, '#signed-in')).toBe(false);
  expect(await visible(page, '#signup')).toBe(true);
  expect(await visible(page, '#login')).toBe(true);
}

interface Observed {
  /** The Authorization header of every request the page sent to authql. */
  authorization: (string | undefined)[];
}

/** The whole journey, in one browser context; `check` runs after each step with the page. */
async function journey(
  context: BrowserContext,
  server: TestServer,
  mode: 'token' | 'cookie',
  email: string,
  check: (step: 'signed-up' | 'logged-in' | 'password-changed' | 'logged-out' | 'logged-in-again', page: Page) => Promise<void>,
  screenshot: string[],
): Promise<Observed> {
  const observed: Observed = { authorization: [] };
  context.on('request', (request: Request) => {
    if (request.url() === server.url && request.method() === 'POST') observed.authorization.push(request.headers().authorization);
  });
  const spaUrl = `${site.origin}/?api=${encodeURIComponent(server.url)}&mode=${mode}`;
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));

  await page.goto(spaUrl);
  await page.locator('#mode').filter({ hasText: mode === 'token' ? 'header token' : 'httpOnly cookie' }).waitFor();
  expect(await page.locator('#api').innerText()).toBe(server.url);
  await waitSignedOut(page);

  // Sign up: the account waits for activation.
  await submit(page, '#signup', { email, password: OLD_PASSWORD });
  expect(await nextStatus(page, '')).toEqual({ text: 'Account created: follow the activation link we emailed you.', error: false });
  await check('signed-up', page);

  // The email links to the SPA's origin; the member opens it (in a new tab, as from a mail client).
  const message = await server.smtp.waitForEmail((e) => e.to === email && /activat/i.test(e.subject));
  const link = linkParts(message);
  expect(link.url).toBe(`${site.origin}/#/activate/${link.uid}/${link.token}`);
  // The emailed link has no ?api=; the test's authql is not on the default port, so it is added.
  const activation = await context.newPage();
  activation.on('pageerror', (error) => errors.push(String(error)));
  await activation.goto(`${spaUrl}#/activate/${link.uid}/${link.token}`);
  expect(await nextStatus(activation, '')).toEqual({ text: 'Account activated: you can log in.', error: false });
  expect(new URL(activation.url()).hash).toBe('');
  await page.close();

  // Log in.
  const app = activation;
  await waitSignedOut(app);
  await submit(app, '#login', { email, password: OLD_PASSWORD });
  expect(await nextStatus(app, 'Account activated: you can log in.')).toEqual({ text: 'Logged in.', error: false });
  await waitSignedIn(app, email);
  await check('logged-in', app);

  // Change password.
  await submit(app, '#change-password', { currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD });
  expect(await nextStatus(app, 'Logged in.')).toEqual({ text: 'Password changed.', error: false });
  await waitSignedIn(app, email);
  await check('password-changed', app);

  // Log out.
  await app.locator('#logout').click();
  expect(await nextStatus(app, 'Password changed.')).toEqual({ text: 'Logged out.', error: false });
  await waitSignedOut(app);
  await check('logged-out', app);

  // The old password no longer works ...
  await submit(app, '#login', { email, password: OLD_PASSWORD });
  expect(await nextStatus(app, 'Logged out.')).toEqual({ text: 'Unable to log in with provided credentials.', error: true });
  await waitSignedOut(app);

  // ... the new one does.
  await submit(app, '#login', { email, password: NEW_PASSWORD });
  expect(await nextStatus(app, 'Unable to log in with provided credentials.')).toEqual({ text: 'Logged in.', error: false });
  await waitSignedIn(app, email);
  await check('logged-in-again', app);

  for (const file of screenshot) await app.screenshot({ path: file });
  expect(errors).toEqual([]);

  // After a reload the session is still there (sessionStorage, or the cookie).
  await app.reload();
  await waitSignedIn(app, email);
  await app.close();
  return observed;
}

test('header-token mode: sign up, activate from the email, log in, change password, log out; only the new password works', async () => {
  const server = await startAuthql();
  const context = await chromium.browser.newContext({ viewport: { width: 1100, height: 700 } });
  const email = 'spa.token@example.com';
  const tokens: (string | null)[] = [];
  try {
    const observed = await journey(
      context,
      server,
      'token',
      email,
      async (step, page) => {
        const token = await pageToken(page);
        tokens.push(token);
        if (step === 'signed-up' || step === 'logged-out') expect(token).toBeNull();
        else expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        // No cookie is involved in this mode.
        expect((await context.cookies(server.url)).map((c) => c.name)).not.toContain(COOKIE_NAME);
      },
      screenshotFiles('spa-token', 'spa'),
    );
    expect(tokens).toHaveLength(5);
    // The token of the first session died with logout; the second login made a new one.
    expect(tokens[1]).toBe(tokens[2]);
    expect(tokens[4]).not.toBe(tokens[1]);
    const stale = await server.gql(graphql(`query MeEmail { me { email } }`), {}, { token: tokens[1]! });
    expect(stale.data?.me ?? null).toBeNull();
    const fresh = await server.gql(graphql(`query MeActive { me { email isActive } }`), {}, { token: tokens[4]! });
    expect(fresh.data).toEqual({ me: { email, isActive: true } });
    // The page sent `Authorization: Token <token>` while signed in.
    expect(observed.authorization.filter(Boolean).length).toBeGreaterThan(0);
    for (const header of observed.authorization.filter(Boolean)) expect(header).toMatch(/^Token [A-Za-z0-9_-]{43}$/);
  } finally {
    await context.close();
  }
});

test('cookie mode: the same journey with an httpOnly cookie; the page never sees a token', async () => {
  const server = await startAuthql({ cookies: { enabled: true } });
  const context = await chromium.browser.newContext({ viewport: { width: 1100, height: 700 } });
  const email = 'spa.cookie@example.com';
  const cookies: (string | null)[] = [];
  try {
    const observed = await journey(
      context,
      server,
      'cookie',
      email,
      async (step, page) => {
        const seen = await page.evaluate(() => ({
          cookie: document.cookie,
          session: Object.fromEntries(Object.keys(sessionStorage).map((key) => [key, sessionStorage.getItem(key)])),
          local: Object.keys(localStorage),
        }));
        // Nothing token-like in the page's storage, and the session cookie is not readable by script ...
        expect(seen.session).toEqual({});
        expect(seen.local).toEqual([]);
        expect(seen.cookie).not.toContain(COOKIE_NAME);
        // ... yet the browser holds it while signed in (httpOnly, SameSite=Lax).
        const held = (await context.cookies(server.url)).find((c) => c.name === COOKIE_NAME);
        cookies.push(held?.value ?? null);
        if (step === 'signed-up' || step === 'logged-out') expect(held).toBeUndefined();
        else expect(held).toMatchObject({ httpOnly: true, sameSite: 'Lax', value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
      },
      screenshotFiles('spa-cookie'),
    );
    // No request carried a token header: the cookie did the work.
    expect(observed.authorization.filter(Boolean)).toEqual([]);
    expect(cookies).toHaveLength(5);
    // The first session's cookie died with logout.
    expect(cookies[4]).not.toBe(cookies[1]);
    const replay = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: site.origin, cookie: `${COOKIE_NAME}=${cookies[1]}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(((await replay.json()) as { data?: { me: unknown } }).data?.me ?? null).toBeNull();
  } finally {
    await context.close();
  }
});

test('social login: the page offers "Continue with Test ID" from oauthProviders, the provider signs the member in, and the page lands signed in', async () => {
  const redirectUri = `${site.origin}/`;
  const email = 'spa.oauth@example.com';
  const provider = await startOidcProvider({ redirectUris: [redirectUri], accounts: { 'spa-member': { email, email_verified: true } } });
  const context = await chromium.browser.newContext({ viewport: { width: 1100, height: 700 } });
  try {
    const server = await startAuthql({
      oauth: {
        providers: { testid: { issuer: provider.issuer, clientId: TEST_CLIENT.client_id, clientSecret: TEST_CLIENT.client_secret, label: 'Test ID' } },
        redirectUris: [redirectUri],
      },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${site.origin}/?api=${encodeURIComponent(server.url)}&mode=token`);
    await waitSignedOut(page);
    await page.getByRole('button', { name: 'Continue with Test ID' }).click();

    // At the provider's sign-in page (another origin), the member picks their account.
    await page.waitForURL((url) => url.href.startsWith(provider.issuer), { timeout: 15_000 });
    await page.locator('#sign-in-spa-member').click();

    // Back on the SPA: signed in with a new account, and the code is gone from the address bar.
    await waitSignedIn(page, email);
    expect(await statusOf(page)).toEqual({ text: 'Account created: you are signed in.', error: false });
    const landed = new URL(page.url());
    expect(landed.origin).toBe(site.origin);
    expect(landed.searchParams.get('code')).toBeNull();
    const token = await pageToken(page);
    const me = await server.gql(graphql(`query SpaMe2 { me { email linkedAccounts { provider } } }`), {}, { token: token! });
    expect(me.data.me).toEqual({ email, linkedAccounts: [{ provider: 'testid' }] });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await provider.close();
  }
});
