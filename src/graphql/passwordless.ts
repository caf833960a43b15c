// Passwordless email sign-in (SPEC §16): requestLoginCode, loginWithCode, loginWithLink.
// The last two answer like login (a session token), or with `purpose: JWT` like jwtCreate (a
// pair), or MfaRequired for a user with a second factor.
import type { ObjectRef } from '@pothos/core';
import type { CodeSignedIn, InputShapes, MfaChallenge, PublicUser } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields, type AlternativeSuccess } from './define-mutation';
import type { ErrorTypes } from './error-types';
import { issuesSession } from './plugins/session-cookie';

export function addPasswordless(builder: Builder, shapes: InputShapes, errors: ErrorTypes, User: ObjectRef<any, PublicUser>, mfaRequired: AlternativeSuccess<MfaChallenge>) {
  const SignInPurpose = builder.enumType('SignInPurpose', {
    description: 'What a sign-in answers.',
    values: {
      SESSION: { value: 'session', description: "A session token, as login answers (in cookie mode, the session cookie)." },
      JWT: { value: 'jwt', description: 'An access and a refresh JWT, as jwtCreate answers.' },
    } as const,
  });
  const signedInFields = successFields<CodeSignedIn>((t) => ({
    user: t.field({ type: User, resolve: (r) => r.user }),
    token: t.string({ nullable: true, description: 'With purpose SESSION: the session token (null in cookie mode, where it is an httpOnly cookie).', resolve: (r) => r.token }),
    access: t.string({ nullable: true, description: 'With purpose JWT: the access token.', resolve: (r) => r.access }),
    refresh: t.string({ nullable: true, description: 'With purpose JWT: the refresh token.', resolve: (r) => r.refresh }),
  }));

  defineMutation(builder, {
    name: 'RequestLoginCode',
    description: 'Emails a sign-in code and link to the address; the answer does not tell whether the address is known.',
    validate: shapes.emailRequest,
    input: (t) => ({ email: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.requestLoginCode({ email: input.email }, authql.meta),
  });

  defineMutation(builder, {
    name: 'LoginWithCode',
    checksPassword: true,
    description: 'Signs in with the address and the code emailed to it (INVALID_LOGIN_CODE when wrong; 5 wrong codes kill it). Proves the address.',
    input: (t) => ({
      email: t.string({ required: true }),
      code: t.string({ required: true }),
      purpose: t.field({ type: SignInPurpose, defaultValue: 'session' }),
    }),
    errors: [errors.ValidationError, errors.AuthError],
    success: signedInFields,
    alternatives: [mfaRequired],
    extensions: issuesSession,
    resolve: async (input, { authql }) => authql.accounts.loginWithCode({ email: input.email, code: input.code, purpose: input.purpose }, authql.meta),
  });

  defineMutation(builder, {
    name: 'LoginWithLink',
    description: 'Signs in with the uid and token of the emailed sign-in link: the page the link opens calls it when the user presses "Sign in".',
    input: (t) => ({
      uid: t.string({ required: true }),
      token: t.string({ required: true }),
      purpose: t.field({ type: SignInPurpose, defaultValue: 'session' }),
    }),
    errors: [errors.AuthError],
    success: signedInFields,
    alternatives: [mfaRequired],
    extensions: issuesSession,
    resolve: async (input, { authql }) => authql.accounts.loginWithLink({ uid: input.uid, token: input.token, purpose: input.purpose }, authql.meta),
  });
}
