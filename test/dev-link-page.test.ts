// A developer runs `authql serve` with activation on and no frontend: the emailed links point at
// the server itself (http://127.0.0.1:<port>/#/activate/…). Opened in Chromium, the page there
// completes them: the account is active and can sign in; a reset link's form sets a new password.
// In production, or with a frontend of its own, `/` stays a 404.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { freePort } from '../src/cli/embedded-db';
import { LoginDocument, MeDocument, RegisterDocument, RequestLoginCodeDocument, ResetEmailDocument, ResetPasswordDocument, SetEmailDocument } from '../src/client/generated/graphql';
import { launchChromium } from './helpers/browser';
import { cliEnv, startCli, stopAllCli, waitFor } from './helpers/cli';
import { dropTestDatabase } from './helpers/database';
import { NEW_PASSWORD, PASSWORD, linkParts, registerAndActivate } from './helpers/journeys';
import { withCleanup, withResource, withTempDir } from './helpers/resources';
import { TEST_SECRET, graphqlAt, startTestServer, testDatabaseUri, uniqueDbName, withSmtpServer } from './helpers/server';

jest.setTimeout(180_000);

afterAll(stopAllCli);
const smtp = withSmtpServer();
const configDir = withTempDir('authql-dev-links-');
const chromium = withResource('Chromium', launchChromium, (launched) => launched.close(), 120_000);

/** `authql serve` as a developer starts it: activation on, no frontend, email to the test's SMTP server. */
const serve = withResource(
  'authql serve',
  async () => {
    const dbName = uniqueDbName('authql_dev_links');
    const configFile = path.join(configDir, 'dev.json');
    writeFileSync(configFile, JSON.stringify({ mongodb: { dbName }, sendActivationEmail: true, passwordless: { enabled: true } }));
    const port = await freePort();
    const cli = startCli(['serve', '--config', configFile], cliEnv({ MONGODB_URI: testDatabaseUri(), AUTH_SECRET: TEST_SECRET, SMTP_URL: smtp.url, PORT: String(port) }));
    await waitFor('"serving" in the log', () => /serving/.test(cli.stdout()), 60_000, cli);
    const origin = `http://127.0.0.1:${port}`;
    return { dbName, origin, gql: graphqlAt(`${origin}/graphql`) };
  },
  async ({ dbName }) => {
    await stopAllCli();
    await dropTestDatabase(dbName);
  },
  90_000,
);

/** Opens the emailed link in a fresh browser context and answers the page, failing on any script error. */
async function openLink(url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await chromium.browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
  await page.goto(url);
  return { page, problems };
}

async function outcomeOf(page: Page): Promise<string> {
  const outcome = page.locator('#outcome[data-outcome="done"], #outcome[data-outcome="failed"]');
  await outcome.waitFor({ state: 'visible', timeout: 15_000 });
  return (await outcome.textContent()) ?? '';
}

test('the activation link from the email opens a page that activates the account; then login works', async () => {
  const email = 'dev-activate@example.com';
  const registered = await serve.gql(RegisterDocument, { input: { email, password: PASSWORD } });
  expect(registered.data?.register.__typename).toBe('RegisterSuccess');
  expect((await serve.gql(LoginDocument, { input: { email, password: PASSWORD } })).data?.login.__typename).not.toBe('LoginSuccess');

  const link = linkParts(await smtp.waitForEmail((e) => e.to === email && /activation/i.test(e.subject)));
  expect(link.url).toBe(`${serve.origin}/#/activate/${link.uid}/${link.token}`);
  const { page, problems } = await openLink(link.url);
  expect(await outcomeOf(page)).toBe('Your account is active. You can sign in now.');
  expect(problems).toEqual([]);
  await page.context().close();

  expect((await serve.gql(LoginDocument, { input: { email, password: PASSWORD } })).data?.login.__typename).toBe('LoginSuccess');
});

test('a password-reset link opens a form: a refused password is explained and may be corrected; the new one signs in, the old one no longer does, and the link is spent', async () => {
  const email = 'dev-reset@example.com';
  await serve.gql(RegisterDocument, { input: { email, password: PASSWORD } });
  const activation = linkParts(await smtp.waitForEmail((e) => e.to === email && /activation/i.test(e.subject)));
  await (await openLink(activation.url)).page.context().close();
  await waitFor('the account to be active', async () => (await serve.gql(LoginDocument, { input: { email, password: PASSWORD } })).data?.login.__typename === 'LoginSuccess', 15_000);

  await serve.gql(ResetPasswordDocument, { input: { email } });
  const reset = linkParts(await smtp.waitForEmail((e) => e.to === email && /password reset/i.test(e.subject)));
  expect(reset.url).toBe(`${serve.origin}/#/password/reset/confirm/${reset.uid}/${reset.token}`);
  const { page, problems } = await openLink(reset.url);
  // A password the policy refuses: the page says why, and the form stays for another try.
  await page.locator('input[name="newPassword"]').fill('12345678');
  await page.locator('#link-form button[type="submit"]').click();
  expect(await outcomeOf(page)).toMatch(/numeric|common/i);
  await page.locator('input[name="newPassword"]').fill(NEW_PASSWORD);
  await page.locator('#link-form button[type="submit"]').click();
  await page.locator('#outcome', { hasText: 'Your password has been changed' }).waitFor({ timeout: 15_000 });
  expect(await outcomeOf(page)).toBe('Your password has been changed. You can sign in with it now.');
  expect(problems).toEqual([]);

  expect((await serve.gql(LoginDocument, { input: { email, password: NEW_PASSWORD } })).data?.login.__typename).toBe('LoginSuccess');
  expect((await serve.gql(LoginDocument, { input: { email, password: PASSWORD } })).data?.login).toMatchObject({ code: 'INVALID_CREDENTIALS' });

  // The same link again: the page says it no longer works.
  await page.goto('about:blank');
  await page.goto(reset.url);
  await page.locator('input[name="newPassword"]').fill('yet another passphrase 99');
  await page.locator('#link-form button[type="submit"]').click();
  const again = page.locator('#outcome[data-outcome="failed"]');
  await again.waitFor({ state: 'visible', timeout: 15_000 });
  await page.context().close();
});

test('the other links work too: confirming a new address, choosing a new email by reset, signing in by link', async () => {
  const email = 'dev-others@example.com';
  await registerAndActivate({ gql: serve.gql, smtp }, email);
  const signedIn = await serve.gql(LoginDocument, { input: { email, password: PASSWORD } });
  const token = (signedIn.data!.login as { token: string }).token;

  // A change of address, confirmed from the link sent to the new one.
  const changed = 'dev-others-new@example.com';
  expect((await serve.gql(SetEmailDocument, { input: { newEmail: changed, currentPassword: PASSWORD } }, { token })).data?.setEmail.__typename).toBe('SetEmailSuccess');
  const confirm = linkParts(await smtp.waitForEmail((e) => e.to === changed && /confirm your new email/i.test(e.subject)));
  expect(confirm.url.startsWith(`${serve.origin}/#/email/change/confirm/`)).toBe(true);
  const confirmed = await openLink(confirm.url);
  expect(await outcomeOf(confirmed.page)).toBe(`Your email address is now ${changed}.`);
  expect(confirmed.problems).toEqual([]);
  await confirmed.page.context().close();

  // A reset of the login field (the email here): a form for the new one.
  await serve.gql(ResetEmailDocument, { input: { email: changed } });
  const reset = linkParts(await smtp.waitForEmail((e) => e.to === changed && /email reset/i.test(e.subject)));
  expect(reset.url.startsWith(`${serve.origin}/#/username/reset/confirm/`)).toBe(true);
  const chosen = 'dev-others-chosen@example.com';
  const resetPage = await openLink(reset.url);
  await resetPage.page.locator('input[name="newEmail"]').fill(chosen);
  await resetPage.page.locator('#link-form button[type="submit"]').click();
  expect(await outcomeOf(resetPage.page)).toBe('Almost done: open the link just sent to your new email address to confirm it.');
  expect(resetPage.problems).toEqual([]);
  await resetPage.page.context().close();
  const confirmChosen = linkParts(await smtp.waitForEmail((e) => e.to === chosen && /confirm your new email/i.test(e.subject)));
  const confirmedChosen = await openLink(confirmChosen.url);
  expect(await outcomeOf(confirmedChosen.page)).toBe(`Your email address is now ${chosen}.`);
  await confirmedChosen.page.context().close();

  // A sign-in link: the page waits for the button, then signs in and shows the session token.
  await serve.gql(RequestLoginCodeDocument, { input: { email: chosen } });
  const signIn = linkParts(await smtp.waitForEmail((e) => e.to === chosen && /sign-in code/i.test(e.subject)));
  expect(signIn.url.startsWith(`${serve.origin}/#/login/link/`)).toBe(true);
  const linkPage = await openLink(signIn.url);
  await linkPage.page.locator('button', { hasText: 'Sign in' }).click();
  const said = await outcomeOf(linkPage.page);
  expect(said).toMatch(new RegExp(`^You are signed in as ${chosen.replace(/\./g, '\\.')}\\. Session token \\(for GraphiQL's Headers tab\\): \\S+$`));
  expect(linkPage.problems).toEqual([]);
  await linkPage.page.context().close();
  const session = said.split(': ').at(-1)!;
  expect((await serve.gql(MeDocument, {}, { token: session })).data?.me).toMatchObject({ email: chosen });
});

describe('where the page is not served', () => {
  const cleanup = withCleanup();

  test('in production GET / is still a 404, and so is the page\'s script', async () => {
    const server = cleanup.add(
      await startTestServer({ production: true, frontend: { domain: 'app.example.test', siteName: 'Example' }, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } }, { smtp }),
      (s) => s.close(),
    );
    const origin = new URL(server.url).origin;
    expect((await fetch(`${origin}/`)).status).toBe(404);
    expect((await fetch(`${origin}/authql-link-page.js`)).status).toBe(404);
  });

  test('in development with a frontend.domain of its own, GET / is a 404: the links go to that frontend', async () => {
    const server = cleanup.add(await startTestServer({ frontend: { domain: 'localhost:5173', protocol: 'http' } }, { smtp }), (s) => s.close());
    expect((await fetch(`${new URL(server.url).origin}/`)).status).toBe(404);
  });
});
