// A small SPA on authql's typed client: sign up, activate from the emailed link, log in (with
// a second factor when it is on, or with a passkey, or "Continue with <provider>" — back on this
// page with ?code=&state=), see who is signed in, change password, turn TOTP on, add and remove
// passkeys and unlink providers on the Security page (confirming it is you when the session is
// no longer fresh: reauthenticate), log out — with a header token or a cookie.
// Settings come from the query string: ?api=<graphql url>&mode=token|cookie
import { startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import {
  ActivateDocument, AuthqlError, LinkedAccountsDocument, LoginDocument, MeDocument, OAuthCallbackDocument, OAuthProvidersDocument,
  OAuthStartDocument, OAuthUnlinkDocument, PasskeyLoginDocument, PasskeyLoginOptionsDocument, PasskeyRegisterDocument,
  PasskeyRegistrationOptionsDocument, PasskeyRemoveDocument, PasskeysDocument, ReauthenticateDocument, RegisterDocument, SetPasswordDocument,
  TotpEnableDocument, TotpSetupDocument, VerifyMfaDocument, createAuthClient,
} from 'authql/client';
import { showLoginLink } from './login-link';

const TOKEN_KEY = 'authql-example-token';
/** A provider login in flight: the state to expect back, and the settings the provider's redirect cannot carry. */
const OAUTH_KEY = 'authql-example-oauth';
type PendingOAuth = { provider: string; state: string; api: string; mode: string };
const pendingOAuth = JSON.parse(sessionStorage.getItem(OAUTH_KEY) ?? 'null') as PendingOAuth | null;

const params = new URLSearchParams(location.search);
const api = params.get('api') ?? pendingOAuth?.api ?? 'http://127.0.0.1:4000/graphql';
const MODES = ['token', 'jwt', 'cookie'] as const;
const asked = params.get('mode') ?? pendingOAuth?.mode;
const mode = MODES.find((m) => m === asked) ?? 'token';
/** Registered with the server (oauth.redirectUris) and the provider: this page, without query. */
const REDIRECT_URI = `${location.origin}${location.pathname}`;

// The SDK holds the session (header-token mode: the token, in this tab's sessionStorage; JWT
// mode: the pair, in localStorage, shared by the tabs, which refresh it before it expires;
// cookie mode: the user, in memory, since the httpOnly cookie is the session) and sends the
// credentials, or the CSRF header with the cookie.
const client = createAuthClient({
  url: api,
  mode,
  storage: mode === 'token' ? sessionStorage : mode === 'jwt' ? 'localStorage' : 'memory',
  storageKey: TOKEN_KEY,
});
// JWT mode: a sign-in or sign-out in another tab shows here at once.
if (mode === 'jwt') client.subscribe(() => void refresh().catch((error: Error) => say(error.message, true)));

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const status = $<HTMLParagraphElement>('#status');

function say(message: string, error = false) {
  status.textContent = message;
  status.className = error ? 'error' : '';
}

type Failure = { __typename: string; message: string; fieldErrors?: { field: string; message: string }[] };
function describe(failure: Failure): string {
  return failure.fieldErrors?.length ? failure.fieldErrors.map((e) => `${e.field}: ${e.message}`).join(' ') : failure.message;
}

/** The login waiting for its second factor (from login's MfaRequired). */
let pendingMfaToken: string | null = null;

function showMfaStep(mfaToken: string | null) {
  pendingMfaToken = mfaToken;
  $('#mfa').hidden = !mfaToken;
  $('#login').hidden = !!mfaToken;
}

async function refresh() {
  let email: string | null = null;
  try {
    email = (await client.request(MeDocument)).me?.email ?? null;
  } catch (error) {
    // The client has already let go of a session the server ended.
    if (!(error instanceof AuthqlError && error.code === 'UNAUTHENTICATED')) throw error;
  }
  $('#signed-in').hidden = !email;
  $('#signed-out').hidden = !!email;
  $('#who').textContent = email ?? '';
  if (email) await showPage();
}

/** Account or Security, by the hash (#/security). */
async function showPage() {
  const security = location.hash === '#/security';
  $('#account-page').hidden = security;
  $('#security-page').hidden = !security;
  if (security) await loadSecurity();
}

/** Whether TOTP is on: re-authentication then asks for a code besides the password. */
let twoFactorOn = false;

/** A list item with a text and a button that removes what it shows. */
function removableItem(text: string, label: string, remove: () => Promise<void>): HTMLLIElement {
  const item = document.createElement('li');
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label, className: 'secondary' });
  button.addEventListener('click', () => void remove().catch((error: Error) => say(error.message, true)));
  item.append(`${text} `, button);
  return item;
}

async function loadSecurity() {
  const [{ me }, { me: withPasskeys }, { me: withLinks }] = await Promise.all([
    client.request(MeDocument),
    client.request(PasskeysDocument),
    client.request(LinkedAccountsDocument),
  ]);
  twoFactorOn = !!me?.twoFactorEnabled;
  $('#totp-state').textContent = twoFactorOn ? 'on' : 'off';
  $('#totp-setup').hidden = twoFactorOn || !$('#totp-pending').hidden;
  $<HTMLUListElement>('#passkey-list').replaceChildren(
    ...(withPasskeys?.passkeys ?? []).map((passkey) =>
      removableItem(
        `${passkey.name} — added ${new Date(passkey.createdAt).toLocaleString()}${passkey.lastUsedAt ? `, last used ${new Date(passkey.lastUsedAt).toLocaleString()}` : ''}`,
        'Remove',
        async () =>
          confirmItIsYou(`Removing the passkey "${passkey.name}" needs your password.`, async (password) => {
            const { passkeyRemove } = await client.request(PasskeyRemoveDocument, { input: { id: passkey.id, currentPassword: password } });
            if (passkeyRemove.__typename !== 'PasskeyRemoveSuccess') return passkeyRemove as Failure;
            say(`Passkey "${passkey.name}" removed.`);
          }),
      ),
    ),
  );
  $<HTMLUListElement>('#linked-list').replaceChildren(
    ...(withLinks?.linkedAccounts ?? []).map((link) =>
      removableItem(`${link.provider}${link.email ? ` (${link.email})` : ''} — linked ${new Date(link.linkedAt).toLocaleString()}`, 'Unlink', async () =>
        freshly(`Unlinking ${link.provider} needs you to confirm it is you.`, async () => {
          const { oauthUnlink } = await client.request(OAuthUnlinkDocument, { input: { provider: link.provider } });
          if (oauthUnlink.__typename !== 'OAuthUnlinkSuccess') return oauthUnlink as Failure;
          say(`${link.provider} unlinked.`);
        }),
      ),
    ),
  );
}

/** A change to how one signs in; answers its failure, or nothing when it was made. */
type Change = (password: string) => Promise<Failure | void>;
const needsReauthentication = (failure: Failure | void): boolean => failure?.__typename === 'AuthError' && (failure as { code?: string }).code === 'REAUTHENTICATION_REQUIRED';

/** The change waiting for the "Confirm it is you" form, and whether the session must be re-authenticated first. */
let pendingChange: { change: Change; reauthenticateFirst: boolean } | null = null;

function askToConfirm(why: string, change: Change, reauthenticateFirst: boolean) {
  pendingChange = { change, reauthenticateFirst };
  $('#reauth-why').textContent = why;
  $('#reauth-code').hidden = !twoFactorOn;
  $('#reauth').hidden = false;
  say(twoFactorOn ? 'Confirm it is you: enter your password and a code.' : 'Confirm it is you: enter your password.');
}

/** Makes a change that needs no password; a session that is no longer fresh is re-authenticated first. */
async function freshly(why: string, change: () => Promise<Failure | void>) {
  const failure = await change();
  if (needsReauthentication(failure)) return askToConfirm(why, change, true);
  if (failure) return say(describe(failure), true);
  await loadSecurity();
}

/** Makes a change that needs the password: asks for it (and for a code too when the session must be re-authenticated). */
async function confirmItIsYou(why: string, change: Change) {
  askToConfirm(why, change, false);
}

onSubmit('#reauth', async ({ password, code }, form) => {
  if (!pendingChange) return;
  const { change, reauthenticateFirst } = pendingChange;
  const reauthenticate = async () => {
    const { reauthenticate } = await client.request(ReauthenticateDocument, { input: { password, code: code || null } });
    return reauthenticate.__typename === 'ReauthenticateSuccess' ? undefined : (reauthenticate as Failure);
  };
  let failure: Failure | void = reauthenticateFirst ? await reauthenticate() : undefined;
  if (!failure) failure = await change(password);
  // A user with TOTP on an old session: the password alone is not enough.
  if (needsReauthentication(failure)) failure = (await reauthenticate()) ?? (await change(password));
  if (failure) return say(describe(failure), true);
  form.reset();
  form.hidden = true;
  pendingChange = null;
  await loadSecurity();
});

onClick('#reauth-cancel', async () => {
  pendingChange = null;
  $<HTMLFormElement>('#reauth').reset();
  $('#reauth').hidden = true;
  say('');
});

function values(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
}

function onSubmit(selector: string, handler: (input: Record<string, string>, form: HTMLFormElement) => Promise<void>) {
  $<HTMLFormElement>(selector).addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    handler(values(form), form).catch((error: Error) => say(error.message, true));
  });
}

function onClick(selector: string, handler: () => Promise<void>) {
  $(selector).addEventListener('click', () => void handler().catch((error: Error) => say(error.message, true)));
}

/** Hands the new session to the client (token mode: the token; in cookie mode the browser keeps the cookie). */
async function signedIn(token: string | null | undefined, message: string) {
  await client.signedInWith({ token });
  showMfaStep(null);
  say(message);
  await refresh();
}

onSubmit('#signup', async ({ email, password }, form) => {
  const { register } = await client.request(RegisterDocument, { input: { email, password } });
  if (register.__typename !== 'RegisterSuccess') return say(describe(register as Failure), true);
  form.reset();
  say(register.user.isActive ? 'Account created: you can log in.' : 'Account created: follow the activation link we emailed you.');
});

onSubmit('#login', async ({ email, password }, form) => {
  if (mode === 'jwt') {
    // jwtCreate through the SDK, which keeps the pair and refreshes it.
    const created = await client.signIn({ email, password });
    form.reset();
    if (created.__typename === 'JwtCreateSuccess') return signedIn(null, 'Logged in.');
    if (created.__typename === 'MfaRequired') return say('This account has a second factor: use header-token mode.', true);
    return say(describe(created as Failure), true);
  }
  const { login } = await client.request(LoginDocument, { input: { email, password } });
  if (login.__typename === 'MfaRequired') {
    form.reset();
    showMfaStep(login.mfaToken);
    return say('Enter the code from your authenticator app.');
  }
  if (login.__typename !== 'LoginSuccess') return say(describe(login as Failure), true);
  form.reset();
  await signedIn(login.token, 'Logged in.');
});

onSubmit('#mfa', async ({ code }, form) => {
  const { verifyMfa } = await client.request(VerifyMfaDocument, { input: { mfaToken: pendingMfaToken ?? '', code } });
  form.reset();
  if (verifyMfa.__typename === 'VerifyMfaSuccess') return signedIn(verifyMfa.token, 'Logged in.');
  // A dead mfaToken needs the password again.
  if (verifyMfa.__typename === 'AuthError' && verifyMfa.code === 'INVALID_MFA_TOKEN') showMfaStep(null);
  say(describe(verifyMfa as Failure), true);
});

onClick('#passkey-login', async () => {
  const { passkeyLoginOptions } = await client.request(PasskeyLoginOptionsDocument);
  const response = await startAuthentication({ optionsJSON: passkeyLoginOptions.options as PublicKeyCredentialRequestOptionsJSON });
  const { passkeyLogin } = await client.request(PasskeyLoginDocument, { input: { response } });
  // An authenticator that did not verify the user (where the server allows it) stands for one factor only.
  if (passkeyLogin.__typename === 'MfaRequired') {
    showMfaStep(passkeyLogin.mfaToken);
    return say('Enter the code from your authenticator app.');
  }
  if (passkeyLogin.__typename !== 'PasskeyLoginSuccess') return say(describe(passkeyLogin as Failure), true);
  await signedIn(passkeyLogin.token, 'Logged in with a passkey.');
});

onSubmit('#change-password', async ({ currentPassword, newPassword }, form) => {
  const { setPassword } = await client.request(SetPasswordDocument, { input: { currentPassword, newPassword } });
  if (setPassword.__typename !== 'SetPasswordSuccess') return say(describe(setPassword as Failure), true);
  form.reset();
  say('Password changed.');
});

onSubmit('#totp-setup', async ({ currentPassword }, form) => {
  const { totpSetup } = await client.request(TotpSetupDocument, { input: { currentPassword } });
  if (totpSetup.__typename !== 'TotpSetupSuccess') return say(describe(totpSetup as Failure), true);
  form.reset();
  form.hidden = true;
  // As an image, so the SVG from the server never runs as part of the page.
  const qr = document.createElement('img');
  qr.alt = 'QR code for your authenticator app';
  qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(totpSetup.qrCodeSvg)}`;
  $('#totp-qr').replaceChildren(qr);
  $('#totp-secret').textContent = totpSetup.secret;
  $('#totp-pending').hidden = false;
  say('Scan the QR code, then enter the code the app shows.');
});

onSubmit('#totp-enable', async ({ code }, form) => {
  const { totpEnable } = await client.request(TotpEnableDocument, { input: { code } });
  form.reset();
  if (totpEnable.__typename !== 'TotpEnableSuccess') return say(describe(totpEnable as Failure), true);
  $('#totp-pending').hidden = true;
  $('#recovery-codes').replaceChildren(
    ...totpEnable.recoveryCodes.map((code) => Object.assign(document.createElement('li'), { textContent: code })),
  );
  $('#recovery').hidden = false;
  say('Two-factor authentication is on.');
  await loadSecurity();
});

onSubmit('#passkey-add', async ({ name }, form) =>
  freshly('Adding a passkey needs you to confirm it is you.', async () => {
    const { passkeyRegistrationOptions } = await client.request(PasskeyRegistrationOptionsDocument);
    if (passkeyRegistrationOptions.__typename !== 'PasskeyRegistrationOptionsSuccess') return passkeyRegistrationOptions as Failure;
    const response = await startRegistration({ optionsJSON: passkeyRegistrationOptions.options as PublicKeyCredentialCreationOptionsJSON });
    const { passkeyRegister } = await client.request(PasskeyRegisterDocument, { input: { response, name: name || null } });
    if (passkeyRegister.__typename !== 'PasskeyRegisterSuccess') return passkeyRegister as Failure;
    form.reset();
    say(`Passkey "${passkeyRegister.passkey.name}" added.`);
  }),
);

onClick('#logout', async () => {
  await client.signOut();
  $('#recovery').hidden = true;
  say('Logged out.');
  await refresh();
});

async function showProviders() {
  const { oauthProviders } = await client.request(OAuthProvidersDocument);
  const box = $('#providers');
  box.replaceChildren();
  for (const provider of oauthProviders) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `Continue with ${provider.label}`;
    button.dataset.provider = provider.name;
    button.addEventListener('click', () => void continueWith(provider.name).catch((error: Error) => say(error.message, true)));
    box.append(button);
  }
}

async function continueWith(provider: string) {
  const { oauthStart } = await client.request(OAuthStartDocument, { input: { provider, redirectUri: REDIRECT_URI } });
  if (oauthStart.__typename !== 'OAuthStartSuccess') return say(describe(oauthStart as Failure), true);
  sessionStorage.setItem(OAUTH_KEY, JSON.stringify({ provider, state: oauthStart.state, api, mode } satisfies PendingOAuth));
  location.assign(oauthStart.authorizationUrl);
}

/** Back from the provider: ?code=&state=&iss= (or ?error=); only the state this tab sent is accepted. */
async function finishProviderLogin() {
  if (!params.has('state') || !pendingOAuth) return;
  sessionStorage.removeItem(OAUTH_KEY);
  history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ api, mode })}`);
  if (params.get('state') !== pendingOAuth.state) return say('This sign-in did not start here; please try again.', true);
  if (params.get('error')) return say(params.get('error_description') ?? params.get('error')!, true);
  const { oauthCallback } = await client.request(OAuthCallbackDocument, {
    input: { provider: pendingOAuth.provider, code: params.get('code') ?? '', state: pendingOAuth.state, iss: params.get('iss') },
  });
  if (oauthCallback.__typename !== 'OAuthCallbackSuccess') return say(describe(oauthCallback as Failure), true);
  await client.signedInWith({ token: oauthCallback.token });
  say(oauthCallback.created ? 'Account created: you are signed in.' : 'Logged in.');
}

/** The activation link from the email: <frontend>/#/activate/<uid>/<token> */
async function route() {
  if (showLoginLink(location.hash, { client, say, signedIn, showMfaStep })) return;
  const match = /^#\/activate\/([^/]+)\/([^/]+)$/.exec(location.hash);
  if (!match) {
    if (!$('#signed-in').hidden) await showPage();
    return;
  }
  const { activate } = await client.request(ActivateDocument, { input: { uid: match[1], token: match[2] } });
  history.replaceState(null, '', location.pathname + location.search);
  if (activate.__typename === 'ActivateSuccess') say('Account activated: you can log in.');
  else say(describe(activate as Failure), true);
}

$('#mode').textContent = { token: 'header token', jwt: 'JWT (refreshed by the SDK)', cookie: 'httpOnly cookie' }[mode];
$('#api').textContent = api;
finishProviderLogin()
  .then(route)
  .then(refresh)
  .then(showProviders)
  .catch((error: Error) => say(error.message, true));
// An activation link opened in this tab, or the Account/Security links, only change the hash.
window.addEventListener('hashchange', () => void route().catch((error: Error) => say(error.message, true)));
