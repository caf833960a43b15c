// The example SPA's Security page in Chromium: a member turns TOTP on by scanning the QR code
// the page shows (the test reads the secret off the page and computes the code, as an app
// would), sees the recovery codes, adds a passkey with Chromium's virtual authenticator (the
// DevTools protocol's WebAuthn domain), then logs in with password + TOTP code, and with the
// passkey alone; on a session no longer fresh, removing or adding a passkey first asks the owner
// to confirm it is them (reauthenticate: password and a code). The page is opened as http://localhost:<port>: WebAuthn takes no IP address
// as the relying party, and the authql under test lists that origin for passkeys and CORS.
import type { CDPSession, Page } from 'playwright-core';
import { totpCode, totpStep } from '../src/crypto/totp';
import { launchChromium, within } from './helpers/browser';
import { withResource } from './helpers/resources';
import { startTestServer } from './helpers/server';
import { nextStatus, pageToken, screenshotFiles, startSpa, submit, visible } from './helpers/spa';
import { graphql } from './generated';

jest.setTimeout(180_000);

const EMAIL = 'spa.security@example.com';
const PASSWORD = 'correct horse battery staple';

// Stopped newest first: Chromium, the server, then the SPA.
const spa = withResource('the SPA', () => startSpa(), (started) => started.close(), 180_000);
// No credential cache: a session made old in the store is old at the next request.
const server = withResource(
  'the authql test server',
  () => startTestServer({ frontend: { domain: `localhost:${spa.port}`, protocol: 'http', siteName: 'Example' }, cors: { origins: [`http://localhost:${spa.port}`] }, authCache: { ttl: 0 } }),
  (started) => started.close().catch((error) => console.error('closing the authql test server:', error)),
);
const chromium = withResource('Chromium', () => launchChromium(), (browser) => within(browser.close(), 15_000), 180_000);

/** A platform authenticator with user verification, as a laptop's fingerprint reader: resident keys, no prompts. */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

/** The code an authenticator app shows for the secret, never for a step already used (the server accepts the next one). */
function codeFor(secret: string, usedStep: number): { code: string; step: number } {
  const step = Math.max(totpStep(new Date()), usedStep + 1);
  return { code: totpCode(secret, step), step };
}

/** Moves the last full sign-in of the user's sessions an hour back: none of them is fresh any more. */
async function sessionsSignedInLongAgo(userId: string): Promise<void> {
  const longAgo = new Date(Date.now() - 3600_000);
  for (const session of await server.store.sessions.listUserSessions(userId, new Date(), 100)) await server.store.sessions.markSessionAuthenticated(session.id, longAgo);
}

async function signedInAs(page: Page): Promise<string> {
  await page.locator('#signed-in').waitFor({ state: 'visible', timeout: 15_000 });
  return page.locator('#who').innerText();
}

test('Security page: turn TOTP on from the QR code, see the recovery codes, add a passkey; then log in with password + code, and with the passkey', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 1100, height: 1100 } });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    await page.goto(`http://localhost:${spa.port}/?api=${encodeURIComponent(server.url)}&mode=token`);

    // Sign up (no activation on this server) and log in with the password.
    await submit(page, '#signup', { email: EMAIL, password: PASSWORD });
    expect(await nextStatus(page, '')).toEqual({ text: 'Account created: you can log in.', error: false });
    await submit(page, '#login', { email: EMAIL, password: PASSWORD });
    expect(await nextStatus(page, 'Account created: you can log in.')).toEqual({ text: 'Logged in.', error: false });
    expect(await signedInAs(page)).toBe(EMAIL);

    // The Security page: two-factor authentication is off, no passkeys yet.
    await page.locator('#nav-security').click();
    await page.locator('#security-page').waitFor({ state: 'visible' });
    await page.locator('#totp-state', { hasText: 'off' }).waitFor();
    expect(await visible(page, '#account-page')).toBe(false);
    expect(await page.locator('#passkey-list li').count()).toBe(0);

    // Set up: the page shows the QR code (an SVG image from totpSetup) and the key.
    await submit(page, '#totp-setup', { currentPassword: PASSWORD });
    expect(await nextStatus(page, 'Logged in.')).toEqual({ text: 'Scan the QR code, then enter the code the app shows.', error: false });
    const qr = page.locator('#totp-qr img');
    await qr.waitFor({ state: 'visible' });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    const rendered = await qr.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight, complete: img.complete }));
    expect(rendered.complete).toBe(true);
    expect(rendered.width).toBeGreaterThan(20);
    expect(rendered.width).toBe(rendered.height);
    const secret = await page.locator('#totp-secret').innerText();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    for (const file of screenshotFiles('spa-totp-setup', 'spa-totp-setup')) await page.screenshot({ path: file });

    // The app's code turns it on; the ten recovery codes are shown once.
    const enabling = codeFor(secret, 0);
    await submit(page, '#totp-enable', { code: enabling.code });
    expect(await nextStatus(page, 'Scan the QR code, then enter the code the app shows.')).toEqual({ text: 'Two-factor authentication is on.', error: false });
    await page.locator('#totp-state', { hasText: 'on' }).waitFor();
    const recoveryCodes = await page.locator('#recovery-codes li').allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{6}(-[0-9a-z]{6}){3}$/);
    expect(await visible(page, '#totp-setup')).toBe(false);

    // A passkey, made by the virtual authenticator.
    await submit(page, '#passkey-add', { name: 'This browser' });
    expect(await nextStatus(page, 'Two-factor authentication is on.')).toEqual({ text: 'Passkey "This browser" added.', error: false });
    await page.locator('#passkey-list li', { hasText: 'This browser' }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost', signCount: 1 });
    for (const file of screenshotFiles('spa-security', 'spa-security')) await page.screenshot({ path: file });

    // Log out; the password alone is no longer enough: the page asks for the code.
    await page.locator('#logout').click();
    expect(await nextStatus(page, 'Passkey "This browser" added.')).toEqual({ text: 'Logged out.', error: false });
    await submit(page, '#login', { email: EMAIL, password: PASSWORD });
    expect(await nextStatus(page, 'Logged out.')).toEqual({ text: 'Enter the code from your authenticator app.', error: false });
    expect(await visible(page, '#mfa')).toBe(true);
    expect(await visible(page, '#login')).toBe(false);
    expect(await pageToken(page)).toBeNull();
    // A wrong code is refused, the right one signs in.
    const next = codeFor(secret, enabling.step);
    await submit(page, '#mfa', { code: next.code === '000000' ? '111111' : '000000' });
    expect(await nextStatus(page, 'Enter the code from your authenticator app.')).toEqual({ text: 'Invalid or already used code.', error: true });
    await submit(page, '#mfa', { code: next.code });
    expect(await nextStatus(page, 'Invalid or already used code.')).toEqual({ text: 'Logged in.', error: false });
    expect(await signedInAs(page)).toBe(EMAIL);
    const mfaToken = await pageToken(page);
    expect((await server.gql(graphql(`query SpaSecurityMe { me { email twoFactorEnabled } }`), {}, { token: mfaToken! })).data.me).toEqual({ email: EMAIL, twoFactorEnabled: true });

    // Log out, and in again with the passkey: no login typed, no code asked.
    await page.locator('#logout').click();
    expect(await nextStatus(page, 'Logged in.')).toEqual({ text: 'Logged out.', error: false });
    await page.locator('#passkey-login').click();
    expect(await nextStatus(page, 'Logged out.')).toEqual({ text: 'Logged in with a passkey.', error: false });
    expect(await signedInAs(page)).toBe(EMAIL);
    const passkeyToken = await pageToken(page);
    expect(passkeyToken).not.toBe(mfaToken);
    const me = (await server.gql(graphql(`query SpaSecurityMe2 { me { id passkeys { name lastUsedAt } } }`), {}, { token: passkeyToken! })).data.me;
    expect(me.passkeys).toEqual([{ name: 'This browser', lastUsedAt: expect.any(String) }]);
    // The authenticator counted the signature, and the server keeps the count it saw.
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0].signCount).toBe(2);
    expect((await server.store.passkeys.listUserPasskeys(me.id)).map((p) => p.counter)).toEqual([2]);

    // An hour later (the session's last full sign-in is moved back), the session is no longer fresh:
    // removing the passkey asks for the password, and — TOTP being on — a code, before anything changes.
    await sessionsSignedInLongAgo(me.id);
    await page.locator('#nav-security').click();
    await page.locator('#security-page').waitFor({ state: 'visible' });
    await page.locator('#passkey-list li', { hasText: 'This browser' }).getByRole('button', { name: 'Remove' }).click();
    expect(await nextStatus(page, 'Logged in with a passkey.')).toEqual({ text: 'Confirm it is you: enter your password and a code.', error: false });
    expect(await visible(page, '#reauth-code')).toBe(true);
    // (The app's next two codes are spent already: a recovery code.)
    await submit(page, '#reauth', { password: PASSWORD, code: recoveryCodes[0] });
    expect(await nextStatus(page, 'Confirm it is you: enter your password and a code.')).toEqual({ text: 'Passkey "This browser" removed.', error: false });
    await page.locator('#passkey-list li').first().waitFor({ state: 'detached' });
    expect(await server.store.passkeys.listUserPasskeys(me.id)).toEqual([]);

    // Later again: adding a passkey first asks the owner to confirm it is them.
    await sessionsSignedInLongAgo(me.id);
    await submit(page, '#passkey-add', { name: 'Again' });
    expect(await nextStatus(page, 'Passkey "This browser" removed.')).toEqual({ text: 'Confirm it is you: enter your password and a code.', error: false });
    await submit(page, '#reauth', { password: PASSWORD, code: recoveryCodes[1] });
    expect(await nextStatus(page, 'Confirm it is you: enter your password and a code.')).toEqual({ text: 'Passkey "Again" added.', error: false });
    await page.locator('#passkey-list li', { hasText: 'Again' }).waitFor();
    expect(await visible(page, '#reauth')).toBe(false);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
