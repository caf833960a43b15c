// A small SPA on authql's typed client: sign up, activate from the emailed link, log in,
// see who is signed in, change password, log out — with a header token or a cookie.
// Settings come from the query string: ?api=<graphql url>&mode=token|cookie
import {
  ActivateDocument, AuthqlError, LoginDocument, LogoutDocument, MeDocument, RegisterDocument, SetPasswordDocument, createClient,
} from 'authql/client';

const params = new URLSearchParams(location.search);
const api = params.get('api') ?? 'http://127.0.0.1:4000/graphql';
const mode = params.get('mode') === 'cookie' ? 'cookie' : 'token';
const TOKEN_KEY = 'authql-example-token';

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
route()
  .then(refresh)
  .catch((error: Error) => say(error.message, true));
// An activation link opened in this tab only changes the hash.
window.addEventListener('hashchange', () => void route().catch((error: Error) => say(error.message, true)));
