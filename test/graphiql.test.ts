// GraphiQL in a real browser: someone evaluating authql opens /graphql, sees
// the example operations and the Authorization header hint, runs Register and Login with
// GraphiQL's own run button, and gets a token that works. Everything is served by authql
// itself (the GraphiQL assets are bundled): the page asks nothing of any other host.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { withResource } from './helpers/resources';
import { startTestServer, withTestServer } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
const DOCS = path.join(ROOT, 'docs');
// The README's screenshot is rewritten only when asked (npm run screenshots), so a test run leaves the tree clean.
const UPDATE_DOCS = process.env.AUTHQL_UPDATE_SCREENSHOTS === '1';


/** Monaco renders spaces as non-breaking spaces. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** The text of the lines an editor shows right now (Monaco renders only the visible lines). */
async function visibleText(page: Page, selector: string): Promise<string> {
  return plain(await page.locator(`${selector} .view-lines`).first().innerText());
}

/** Waits until the response pane shows text matching `pattern`, and answers that text. */
async function waitForResponse(page: Page, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = plain(await page.locator('.graphiql-response').innerText().catch(() => ''));
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the GraphiQL response pane did not show ${pattern} within ${timeoutMs} ms; it shows:\n${text}`);
    await page.waitForTimeout(100);
  }
}

/** Turns the mouse wheel over the query editor, a notch at a time, until `text` is on screen. */
async function scrollQueryEditorUntil(page: Page, deltaY: number, text: string): Promise<void> {
  const box = await page.locator('.graphiql-query-editor').boundingBox();
  if (!box) throw new Error('the query editor has no box');
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  for (let notch = 0; notch < 30; notch += 1) {
    if ((await visibleText(page, '.graphiql-query-editor')).includes(text)) return;
    await page.mouse.wheel(0, deltaY);
    await page.waitForTimeout(100);
  }
  throw new Error(`scrolling the query editor never showed "${text}"; it shows:\n${await visibleText(page, '.graphiql-query-editor')}`);
}

/** Runs one operation of the document as a user does: the ▶ button, then its name in the menu. */
async function runOperation(page: Page, name: string): Promise<void> {
  await page.locator('.graphiql-execute-button').click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}

describe('GraphiQL at /graphql (development)', () => {
  // Stopped newest first: Chromium, then the server.
  const server = withTestServer();
  const chromium = withResource('Chromium', () => launchChromium(), (browser) => browser.close());
  let context: BrowserContext;
  const requested: string[] = [];

  beforeAll(async () => {
    context = await chromium.browser.newContext({ viewport: { width: 1100, height: 700 } });
    context.on('request', (request) => requested.push(request.url()));
  });

  test('shows the example operations and the header hint, runs Register and Login against the server, and the token it shows works', async () => {
    const page = await context.newPage();
    const response = await page.goto(server.url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/text\/html/);
    await page.locator('.graphiql-query-editor .view-line').first().waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').waitFor();

    // The examples, top to bottom: what shows first, then what shows at the end of the document.
    const top = await visibleText(page, '.graphiql-query-editor');
    expect(top).toContain('mutation Register');
    expect(top).toContain('mutation Login');
    // Scrolled with the mouse wheel (which moves neither the cursor nor the text): the second step
    // of a login with two-factor authentication, turning it on, and the end.
    await scrollQueryEditorUntil(page, 200, 'mutation VerifyMfa');
    expect(await visibleText(page, '.graphiql-query-editor')).toContain('... on MfaRequired { mfaToken methods }');
    await scrollQueryEditorUntil(page, 200, 'mutation TotpEnable');
    await scrollQueryEditorUntil(page, 200, 'mutation Logout');
    const bottom = await visibleText(page, '.graphiql-query-editor');
    expect(bottom).toContain('query Me');
    expect(bottom).toContain('mutation Logout');
    await scrollQueryEditorUntil(page, -200, 'Welcome to authql');

    // The Headers tab is open with the hint to paste the token.
    const headersTab = page.locator('.graphiql-editor-tools button[data-name="headers"]');
    await headersTab.waitFor();
    expect(await headersTab.getAttribute('class')).toMatch(/\bactive\b/);
    const headers = plain(await page.locator('.graphiql-editor-tool .view-lines').filter({ hasText: 'Authorization' }).first().innerText());
    expect(headers).toMatch(/"Authorization": "Token <paste the token/);

    // ▶ with several operations in the document asks which one: Register, then Login.
    await runOperation(page, 'Register');
    const registered = await waitForResponse(page, /RegisterSuccess|ValidationError|"errors"/);
    expect(registered).toContain('"__typename": "RegisterSuccess"');
    expect(registered).toContain('ada@example.com');

    await runOperation(page, 'Login');
    const loggedIn = await waitForResponse(page, /LoginSuccess|"code"|"errors"/);
    expect(loggedIn).toContain('"__typename": "LoginSuccess"');
    // The pane wraps long lines, inside the string too: a base64url token has no spaces to keep.
    const token = /"token":\s*"([^"]*)"/.exec(loggedIn)?.[1]?.replace(/\s+/g, '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // GraphiQL really talked to this server: the token it shows signs Ada in over plain HTTP.
    const me = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${token}` },
      body: JSON.stringify({ query: '{ me { id email isActive lastLogin } }' }),
    });
    expect(await me.json()).toEqual({ data: { me: { id: expect.any(String), email: 'ada@example.com', isActive: true, lastLogin: expect.any(String) } } });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql.png') });
    if (UPDATE_DOCS) {
      mkdirSync(DOCS, { recursive: true });
      await page.screenshot({ path: path.join(DOCS, 'graphiql.png') });
    }

    // Nothing from a CDN: every request went to authql itself (or stayed inside the page).
    const origin = new URL(server.url).origin;
    expect(requested.length).toBeGreaterThan(0);
    const elsewhere = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`) && !url.startsWith('data:'));
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});

test('with graphiql: false, a browser opening /graphql does not get GraphiQL', async () => {
  const off = await startTestServer({ graphiql: false });
  try {
    const response = await fetch(off.url, { headers: { accept: 'text/html' } });
    const body = await response.text();
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(body).not.toMatch(/graphiql/i);
    expect(body).not.toContain('mutation Register');
    // The API itself still answers.
    expect((await off.gql(graphql(`query MeId { me { id } }`))).data).toEqual({ me: null });
  } finally {
    await off.close();
  }
});
