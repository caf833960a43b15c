// In development with no frontend.domain, the links authql emails point at its own server
// (http://127.0.0.1:4000/#/activate/…), which serves nothing at `/`: this plugin serves the page
// those links open. Plain HTML and one script from the same origin: it reads the hash route and
// completes the action against the GraphQL endpoint (activate, confirm an email change, reset a
// password or the login field with a form, sign in by link with a button), then says how it
// went. Never in production, never when a frontend is configured, never in a host's server.
import type { Plugin } from 'graphql-yoga';
import type { AuthConfig } from '../../config';

const SCRIPT_PATH = '/authql-link-page.js';

/** What the page's script needs to know; nothing secret. */
function pageSettings(config: AuthConfig, graphqlEndpoint: string) {
  // The names as the schema spells them, where schema.typePrefix / rootFieldPrefix rename them.
  const names = (config as { schema?: { typePrefix?: string; rootFieldPrefix?: string } }).schema;
  return {
    endpoint: graphqlEndpoint,
    typePrefix: names?.typePrefix ?? '',
    rootFieldPrefix: names?.rootFieldPrefix ?? '',
    siteName: config.frontend.siteName,
    loginField: config.loginField,
    passwordRetype: config.passwordResetConfirmRetype,
    loginRetype: config.usernameResetConfirmRetype,
    /** A new email address waits for its own link (emailChangeConfirmation). */
    newEmailPending: config.loginField === 'email' && config.emailChangeConfirmation,
    routes: {
      activate: config.activationUrl,
      confirmEmailChange: config.emailChangeConfirmUrl,
      resetPassword: config.passwordResetConfirmUrl,
      resetLogin: config.usernameResetConfirmUrl,
      loginLink: config.loginLinkUrl,
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function pageHtml(settings: ReturnType<typeof pageSettings>): string {
  // JSON in a data block is not run; "<" is escaped so that no value can close the element.
  const data = JSON.stringify(settings).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(settings.siteName)}</title>
<script type="application/json" id="authql-settings">${data}</script>
<script src="${SCRIPT_PATH}" defer></script>
</head>
<body>
<h1>${escapeHtml(settings.siteName)}</h1>
<main id="authql-page"><p>Loading…</p></main>
<p><small>This page answers the links authql emails while no <code>frontend.domain</code> is set (development only).
GraphiQL is at <a href="${escapeHtml(settings.endpoint)}">${escapeHtml(settings.endpoint)}</a>.</small></p>
</body>
</html>
`;
}

// The page's script, sent as it is: no build step, no framework. Outcomes are written with
// textContent only, so nothing from the URL or the server is ever read as HTML.
const SCRIPT = String.raw`'use strict';
(function () {
  var settings = JSON.parse(document.getElementById('authql-settings').textContent);
  var main = document.getElementById('authql-page');
  var L = settings.loginField === 'email' ? 'Email' : 'Username';

  function el(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    return node;
  }
  function show() {
    main.replaceChildren.apply(main, arguments);
  }
  function outcome(text, failed) {
    return el('p', text, { id: 'outcome', role: 'status', 'data-outcome': failed ? 'failed' : 'done' });
  }
  function progress(text) {
    return el('p', text, { id: 'outcome', role: 'status' });
  }
  function failure(answer) {
    if (!answer) return 'The server did not answer.';
    var fields = (answer.fieldErrors || []).map(function (e) { return e.message; });
    return [answer.message].concat(fields).filter(Boolean).join(' ');
  }
  var T = settings.typePrefix;
  /** field: the root field's own name; selection: its success fields, type names unprefixed (written as @Name). */
  function call(field, inputType, input, selection) {
    var prefixed = settings.rootFieldPrefix + field;
    var query = 'mutation ($input: ' + T + inputType + '!) { ' + prefixed + '(input: $input) { __typename ' +
      selection.replace(/@/g, T) + ' ... on ' + T + 'Error { code message ... on ' + T + 'ValidationError { fieldErrors { message } } } } }';
    return fetch(settings.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ query: query, variables: { input: input } }),
    })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.data && body.data[prefixed]) return body.data[prefixed];
        throw new Error((body.errors && body.errors[0] && body.errors[0].message) || 'The request failed.');
      });
  }
  function run(promise, done) {
    return promise.then(function (answer) {
      show(answer.__typename.endsWith('Success') ? outcome(done(answer)) : outcome(failure(answer), true));
      return answer;
    }, function (error) {
      show(outcome(error.message, true));
    });
  }
  /** A form of password or text fields and a button; submits once, then shows the outcome. */
  function form(title, fields, button, submit) {
    var node = el('form', '', { id: 'link-form' });
    node.append(el('h2', title));
    fields.forEach(function (field) {
      var label = el('label', field.label + ' ');
      label.append(el('input', '', { name: field.name, type: field.type, required: '', autocomplete: field.autocomplete }));
      node.append(label, el('br'));
    });
    node.append(el('button', button, { type: 'submit' }));
    node.addEventListener('submit', function (event) {
      event.preventDefault();
      var values = {};
      fields.forEach(function (field) { values[field.name] = node.elements[field.name].value; });
      node.querySelector('button').disabled = true;
      submit(values).then(function (answer) {
        // A refused value (too weak, already taken) may be corrected: the form comes back.
        if (answer && answer.__typename === T + 'ValidationError') {
          main.append(node);
          node.querySelector('button').disabled = false;
        }
      });
    });
    return node;
  }

  var ACTIONS = {
    activate: function (link) {
      show(progress('Activating your account…'));
      run(call('activate', 'ActivateInput', link, '... on @ActivateSuccess { user { email } }'), function () {
        return 'Your account is active. You can sign in now.';
      });
    },
    confirmEmailChange: function (link) {
      show(progress('Confirming your new email address…'));
      run(call('confirmEmailChange', 'ConfirmEmailChangeInput', link, '... on @ConfirmEmailChangeSuccess { user { email } }'), function (answer) {
        return 'Your email address is now ' + answer.user.email + '.';
      });
    },
    resetPassword: function (link) {
      var fields = [{ name: 'newPassword', label: 'New password', type: 'password', autocomplete: 'new-password' }];
      if (settings.passwordRetype) fields.push({ name: 'reNewPassword', label: 'New password again', type: 'password', autocomplete: 'new-password' });
      show(form('Choose a new password', fields, 'Set the new password', function (values) {
        return run(call('resetPasswordConfirm', 'ResetPasswordConfirmInput', Object.assign({}, link, values), ''), function () {
          return 'Your password has been changed. You can sign in with it now.';
        });
      }));
    },
    resetLogin: function (link) {
      var type = settings.loginField === 'email' ? 'email' : 'text';
      var fields = [{ name: 'new' + L, label: 'New ' + settings.loginField, type: type, autocomplete: settings.loginField }];
      if (settings.loginRetype) fields.push({ name: 'reNew' + L, label: 'New ' + settings.loginField + ' again', type: type, autocomplete: settings.loginField });
      show(form('Choose a new ' + settings.loginField, fields, 'Set the new ' + settings.loginField, function (values) {
        return run(call('reset' + L + 'Confirm', 'Reset' + L + 'ConfirmInput', Object.assign({}, link, values), ''), function () {
          if (settings.newEmailPending) return 'Almost done: open the link just sent to your new email address to confirm it.';
          return 'Your ' + settings.loginField + ' has been changed.';
        });
      }));
    },
    loginLink: function (link) {
      // A button, as in the example SPA: a mail scanner that opens the page spends nothing.
      var button = el('button', 'Sign in', { type: 'button' });
      button.addEventListener('click', function () {
        button.disabled = true;
        run(call('loginWithLink', 'LoginWithLinkInput', link, '... on @LoginWithLinkSuccess { token user { email } } ... on @MfaRequired { methods }'), function (answer) {
          return 'You are signed in as ' + answer.user.email + '.' + (answer.token ? ' Session token (for GraphiQL\'s Headers tab): ' + answer.token : '');
        }).then(function (answer) {
          if (answer && answer.__typename === T + 'MfaRequired') show(outcome('This account has a second factor: sign in where you can enter its code.', true));
        });
      });
      show(el('h2', 'Sign in with the link from your email'), button);
    },
  };

  /** '#/activate/{uid}/{token}' → a pattern for the page's path and hash. */
  function routePattern(route) {
    var escaped = route.replace(/^\/?/, '/').replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    return new RegExp('^' + escaped.replace('{uid}', '([^/?#]+)').replace('{token}', '([^/?#]+)') + '$');
  }
  var here = location.pathname + location.hash;
  for (var action in settings.routes) {
    var route = settings.routes[action];
    var match = routePattern(route).exec(here);
    if (!match) continue;
    var uidFirst = route.indexOf('{uid}') < route.indexOf('{token}');
    ACTIONS[action]({ uid: decodeURIComponent(match[uidFirst ? 1 : 2]), token: decodeURIComponent(match[uidFirst ? 2 : 1]) });
    return;
  }
  show(el('p', 'Open a link from one of the emails authql sent: this page completes it.'));
})();
`;

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** Paths that are link routes themselves (a configured link without "#"), where the page is served too. */
function pathRoutes(config: AuthConfig): RegExp[] {
  return [config.activationUrl, config.emailChangeConfirmUrl, config.passwordResetConfirmUrl, config.usernameResetConfirmUrl, config.loginLinkUrl]
    .filter((route) => !route.includes('#'))
    .map((route) => new RegExp(`^/${route.replace(/^\//, '').replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('{uid}', '[^/]+').replace('{token}', '[^/]+')}$`));
}

export function useLinkPage(config: AuthConfig): Plugin {
  let html = '';
  const paths = pathRoutes(config);
  return {
    onYogaInit({ yoga }) {
      html = pageHtml(pageSettings(config, yoga.graphqlEndpoint));
    },
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === SCRIPT_PATH) {
        endResponse(new fetchAPI.Response(SCRIPT, { headers: { ...SECURITY_HEADERS, 'content-type': 'text/javascript; charset=utf-8' } }));
      } else if (url.pathname === '/' || paths.some((path) => path.test(url.pathname))) {
        endResponse(new fetchAPI.Response(html, { headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' } }));
      }
    },
  };
}
