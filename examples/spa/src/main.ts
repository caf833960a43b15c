// A small SPA on authql's typed client: sign up, activate from the emailed link, log in,
// see who is signed in, change password, log out — with a header token or a cookie — or
// "Continue with <provider>" (social login, back on this page with ?code=&state=).
// Settings come from the query string: ?api=<graphql url>&mode=token|cookie
import {
  ActivateDocument, AuthqlError, LoginDocument, LogoutDocument, MeDocument, OAuthCallbackDocument, OAuthProvidersDocument,
  OAuthStartDocument, RegisterDocument, SetPasswordDocument, createClient,
} from 'authql/client';

const TOKEN_KEY = 'authql-example-token';
/** A provider login in flight: the state to expect back, and the settings the provider's redirect cannot carry. */
const OAUTH_KEY = 'authql-example-oauth';
type PendingOAuth = { provider: string; state: string; api: string; mode: string };
const pendingOAuth = JSON.parse(sessionStorage.getItem(OAUTH_KEY) ?? 'null') as PendingOAuth | null;

const params = new URLSearchParams(location.search);
const api = params.get('api') ?? pendingOAuth?.api ?? 'http://127.0.0.1:4000/graphql';
const mode = (params.get('mode') ?? pendingOAuth?.mode) === 'cookie' ? 'cookie' : 'token';
/** Registered with the server (oauth.redirectUris) and the provider: this page, without query. */
const REDIRECT_URI = `${location.origin}${location.pathname}`;

const client = createClient({
  url: api,
  token: () => (mode === 'token' ? sessionStorage.getItem(TOKEN_KEY) : null),
  credentials: mode === 'cookie' ? 'include' : 'omit',
});

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

async function refresh() {
  let email: string | null = null;
  try {
    email = (await client.request(MeDocument)).me?.email ?? null;
  } catch (error) {
    if (!(error instanceof AuthqlError && error.code === 'UNAUTHENTICATED')) throw error;
    sessionStorage.removeItem(TOKEN_KEY);
  }
  $('#signed-in').hidden = !email;
  $('#signed-out').hidden = !!email;
  $('#who').textContent = email ?? '';
}

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

onSubmit('#signup', async ({ email, password }, form) => {
  const { register } = await client.request(RegisterDocument, { input: { email, password } });
  if (register.__typename !== 'RegisterSuccess') return say(describe(register as Failure), true);
  form.reset();
  say(register.user.isActive ? 'Account created: you can log in.' : 'Account created: follow the activation link we emailed you.');
});

onSubmit('#login', async ({ email, password }, form) => {
  const { login } = await client.request(LoginDocument, { input: { email, password } });
  if (login.__typename !== 'LoginSuccess') return say(describe(login as Failure), true);
  if (mode === 'token' && login.token) sessionStorage.setItem(TOKEN_KEY, login.token);
  form.reset();
  say('Logged in.');
  await refresh();
});

onSubmit('#change-password', async ({ currentPassword, newPassword }, form) => {
  const { setPassword } = await client.request(SetPasswordDocument, { input: { currentPassword, newPassword } });
  if (setPassword.__typename !== 'SetPasswordSuccess') return say(describe(setPassword as Failure), true);
  form.reset();
  say('Password changed.');
});

$('#logout').addEventListener('click', () => {
  client
    .request(LogoutDocument)
    .then(async () => {
      sessionStorage.removeItem(TOKEN_KEY);
      say('Logged out.');
      await refresh();
    })
    .catch((error: Error) => say(error.message, true));
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
  if (mode === 'token' && oauthCallback.token) sessionStorage.setItem(TOKEN_KEY, oauthCallback.token);
  say(oauthCallback.created ? 'Account created: you are signed in.' : 'Logged in.');
}

/** The activation link from the email: <frontend>/#/activate/<uid>/<token> */
async function route() {
  const match = /^#\/activate\/([^/]+)\/([^/]+)$/.exec(location.hash);
  if (!match) return;
  const { activate } = await client.request(ActivateDocument, { input: { uid: match[1], token: match[2] } });
  history.replaceState(null, '', location.pathname + location.search);
  if (activate.__typename === 'ActivateSuccess') say('Account activated: you can log in.');
  else say(describe(activate as Failure), true);
}

$('#mode').textContent = mode === 'cookie' ? 'httpOnly cookie' : 'header token';
$('#api').textContent = api;
finishProviderLogin()
  .then(route)
  .then(refresh)
  .then(showProviders)
  .catch((error: Error) => say(error.message, true));
// An activation link opened in this tab only changes the hash.
window.addEventListener('hashchange', () => void route().catch((error: Error) => say(error.message, true)));
