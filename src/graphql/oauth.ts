// Social login: oauthProviders, oauthStart, oauthCallback, oauthUnlink, and me { linkedAccounts }.
import type { ObjectRef } from '@pothos/core';
import type { LinkedAccountView, MfaChallenge, PublicUser } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields, type AlternativeSuccess } from './define-mutation';
import type { ErrorTypes } from './error-types';
import { issuesSession } from './plugins/session-cookie';

export function addOAuth(builder: Builder, errors: ErrorTypes, User: ObjectRef<any, PublicUser>, mfaRequired: AlternativeSuccess<MfaChallenge>) {
  const OAuthProvider = builder.objectRef<{ name: string; label: string }>('OAuthProvider').implement({
    description: 'A provider users can log in with ("Continue with <label>").',
    fields: (t) => ({ name: t.exposeString('name'), label: t.exposeString('label') }),
  });
  const LinkedAccount = builder.objectRef<LinkedAccountView>('LinkedAccount').implement({
    description: 'A provider account that logs the user in.',
    fields: (t) => ({
      provider: t.exposeString('provider'),
      email: t.string({ nullable: true, description: 'The address the provider gave when it was linked.', resolve: (l) => l.email }),
      linkedAt: t.field({ type: 'DateTime', resolve: (l) => l.linkedAt }),
    }),
  });

  builder.queryField('oauthProviders', (t) =>
    t.field({
      type: [OAuthProvider],
      description: 'The configured social-login providers; public.',
      resolve: (_root, _args, { authql }) => authql.accounts.oauthProviders(),
    }),
  );

  builder.objectField(User, 'linkedAccounts', (t) =>
    t.field({
      type: [LinkedAccount],
      nullable: true,
      description: "The user's linked provider accounts; the user only (null for anyone else).",
      resolve: async (user, _args, { authql }) => {
        const caller = await authql.caller().catch(() => null);
        return caller && caller.user.id === user.id ? authql.accounts.linkedAccounts(caller) : null;
      },
    }),
  );

  defineMutation(builder, {
    name: 'OAuthStart',
    fieldName: 'oauthStart',
    description: 'Starts a login at a provider (or, signed in, the linking of one): send the browser to authorizationUrl.',
    input: (t) => ({
      provider: t.string({ required: true }),
      redirectUri: t.string({ required: true, description: 'Where the provider sends the browser back; one of oauth.redirectUris.' }),
    }),
    errors: [errors.AuthError],
    success: successFields<{ authorizationUrl: string; state: string }>((t) => ({
      authorizationUrl: t.string({ resolve: (r) => r.authorizationUrl }),
      state: t.string({ description: 'Keep it in the page: the callback must carry the same state.', resolve: (r) => r.state }),
    })),
    resolve: async (input, { authql }) => authql.accounts.oauthStart(await authql.caller(), { provider: input.provider, redirectUri: input.redirectUri }, authql.meta),
  });

  defineMutation(builder, {
    name: 'OAuthCallback',
    fieldName: 'oauthCallback',
    description: 'Finishes a provider login with the code and state the provider sent back: logs in, signs up, or (signed in) links.',
    input: (t) => ({
      provider: t.string({ required: true }),
      code: t.string({ required: true }),
      state: t.string({ required: true }),
      iss: t.string({ description: 'The iss parameter of the callback (RFC 9207), when the provider sends one.' }),
    }),
    errors: [errors.AuthError],
    alternatives: [mfaRequired],
    success: successFields<{ user: PublicUser; token: string | null; created: boolean }>((t) => ({
      user: t.field({ type: User, resolve: (r) => r.user }),
      token: t.string({
        nullable: true,
        description: 'A new session token; null when a signed-in caller linked a provider, and in cookie mode (the token is in a cookie).',
        resolve: (r) => r.token,
      }),
      created: t.boolean({ description: 'True when this login created the account.', resolve: (r) => r.created }),
    })),
    extensions: issuesSession,
    resolve: async (input, { authql }) =>
      authql.accounts.oauthCallback(await authql.caller(), { provider: input.provider, code: input.code, state: input.state, iss: input.iss ?? null }, authql.meta),
  });

  defineMutation(builder, {
    name: 'OAuthUnlink',
    fieldName: 'oauthUnlink',
    description: "Removes the caller's link to a provider; never the last way to log in.",
    input: (t) => ({ provider: t.string({ required: true }) }),
    errors: [errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.oauthUnlink(await authql.requireCaller(), { provider: input.provider }, authql.meta),
  });
}
