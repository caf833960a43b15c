// The page a sign-in link from the email opens: <frontend>/#/login/link/<uid>/<token>. It only
// shows a "Sign in" button; loginWithLink runs when the user presses it. A mail scanner that
// opens (or prefetches) the link runs nothing and spends nothing, so the user's link still works.
import { LoginWithLinkDocument, type createClient } from 'authql/client';

type Failure = { __typename: string; message: string };

export interface LoginLinkPage {
  client: ReturnType<typeof createClient>;
  say(message: string, error?: boolean): void;
  /** The answer's session token (null in cookie mode), once signed in. */
  signedIn(token: string | null | undefined, message: string): Promise<void>;
  /** A user with a second factor still owes a code. */
  showMfaStep(mfaToken: string): void;
}

/** Shows the "Sign in" page when the hash is a sign-in link; false when it is not. */
export function showLoginLink(hash: string, page: LoginLinkPage): boolean {
  const match = /^#\/login\/link\/([^/]+)\/([^/]+)$/.exec(hash);
  if (!match) return false;
  const [, uid, token] = match;
  document.querySelector('#login-link')?.remove();
  const section = document.createElement('section');
  section.id = 'login-link';
  section.innerHTML = '<h2>Sign in</h2><p>Sign in with the link from your email.</p><button type="button">Sign in</button>';
  document.querySelector('#status')!.after(section);
  const leave = () => {
    section.remove();
    history.replaceState(null, '', location.pathname + location.search);
  };
  section.querySelector('button')!.addEventListener('click', async () => {
    try {
      const { loginWithLink } = await page.client.request(LoginWithLinkDocument, { input: { uid, token } });
      if (loginWithLink.__typename === 'LoginWithLinkSuccess') {
        leave();
        await page.signedIn(loginWithLink.token, 'Signed in with the link from your email.');
      } else if (loginWithLink.__typename === 'MfaRequired') {
        leave();
        page.showMfaStep(loginWithLink.mfaToken);
        page.say('Enter the code from your authenticator app.');
      } else page.say((loginWithLink as Failure).message, true);
    } catch (error) {
      page.say((error as Error).message, true);
    }
  });
  return true;
}
