// The example SPA in JWT mode, on the SDK, in Chromium against a real authql whose access
// tokens live 2 s: a member signs in, keeps using the page across several expiries with no
// visible sign-out (the SDK refreshes before each), and two tabs share the session: a
// sign-in in one shows in the other, and so does a sign-out. (Cookie mode: test/spa.test.ts.)
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import { launchChromium, within, type LaunchedChromium } from './helpers/browser';
import { PASSWORD } from './helpers/journeys';
import { startTestServer, type TestServer } from './helpers/server';
import { startSpa, submit, visible, type BuiltSpa } from './helpers/spa';
import { member } from './helpers/users';

jest.setTimeout(180_000);

let site: BuiltSpa | null = null;
let chromiumHandle: LaunchedChromium | null = null;
let server: TestServer;

beforeAll(async () => {
  site = await startSpa();
  chromiumHandle = await launchChromium();
  server = await startTestServer({ jwt: { accessLifetime: '2s' }, cors: { origins: [site.origin] } });
}, 180_000);

afterAll(async () => {
  await within(chromiumHandle?.close(), 15_000);
  await server?.close();
  await site?.close();
});

async function openSpa(page: Page): Promise<void> {
  await page.goto(`${site!.origin}/?api=${encodeURIComponent(server.url)}&mode=jwt`);
  await page.locator('#signed-out, #signed-in').first().waitFor({ state: 'visible', timeout: 15_000 });
}

const signedInText = (page: Page) => page.locator('#signed-in p').first().innerText();
const refreshesOf = async (id: string) => (await server.database.collection('refresh_tokens').countDocuments({ userId: new mongoose.Types.ObjectId(id) })) - 1;

test('a member signs in with JWT and uses the page across three expiries of the access token with no visible sign-out', async () => {
  const { id } = await member(server, 'spa.jwt@example.com');
  const context = await chromiumHandle!.browser.newContext();
  const page = await context.newPage();
  await openSpa(page);
  await submit(page, '#login', { email: 'spa.jwt@example.com', password: PASSWORD });
  await page.locator('#signed-in').waitFor({ state: 'visible', timeout: 15_000 });
  expect(await signedInText(page)).toBe('Signed in as spa.jwt@example.com');

  // Watched every 100 ms for 6.5 s, while the page reads the account after each refresh.
  const seen = new Set<string>();
  for (const end = Date.now() + 6500; Date.now() < end; await page.waitForTimeout(100)) {
    seen.add((await visible(page, '#signed-in')) && !(await visible(page, '#signed-out')) ? 'signed in' : 'signed out');
  }
  expect([...seen]).toEqual(['signed in']);
  expect(await refreshesOf(id)).toBeGreaterThanOrEqual(3);
  // A reload keeps the session (localStorage) and the refreshed token works.
  await page.reload();
  await page.locator('#signed-in').waitFor({ state: 'visible', timeout: 15_000 });
  expect(await signedInText(page)).toBe('Signed in as spa.jwt@example.com');
  await context.close();
});

test('two tabs: a sign-in in one shows in the other, and a sign-out in one is seen by the other', async () => {
  await member(server, 'spa.tabs@example.com');
  const context = await chromiumHandle!.browser.newContext();
  const [first, second] = [await context.newPage(), await context.newPage()];
  await openSpa(first);
  await openSpa(second);
  expect(await visible(second, '#signed-out')).toBe(true);

  await submit(first, '#login', { email: 'spa.tabs@example.com', password: PASSWORD });
  await second.locator('#signed-in').waitFor({ state: 'visible', timeout: 15_000 });
  expect(await signedInText(second)).toBe('Signed in as spa.tabs@example.com');

  await first.click('#logout');
  await second.locator('#signed-out').waitFor({ state: 'visible', timeout: 15_000 });
  expect(await visible(second, '#signed-in')).toBe(false);
  expect(await second.evaluate(() => localStorage.getItem('authql-example-token'))).toBeNull();
  await context.close();
});
