// login: a new session for a password (sessions.ts lists and ends them), and MfaRequired, the
// answer of every sign-in that a gate stops.
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import { isMfaChallenge, type InputShapes, type MfaChallenge, type PublicUser } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, successFields, type AlternativeSuccess } from './define-mutation';
import type { ErrorTypes } from './error-types';
import { loginFieldInput, loginFieldValue } from './user';
import { issuesSession } from './plugins/session-cookie';

type SessionAnswer = { token: string | null; user: PublicUser };

/** The fields of a success that opened a session: its token (null in cookie mode) and the user. */
export function sessionAnswerFields(config: AuthConfig, User: ObjectRef<any, PublicUser>) {
  return successFields<SessionAnswer>((t) => ({
    token: config.cookies.enabled
      ? t.string({ nullable: true, description: 'Always null in cookie mode: the token is in an httpOnly cookie.', resolve: (r) => r.token })
      : t.string({ description: 'Send it as `Authorization: Token <token>` (or Bearer).', resolve: (r) => r.token ?? '' }),
    user: t.field({ type: User, resolve: (r) => r.user }),
  }));
}

/**
 * MfaRequired: what a sign-in answers when a gate stops it (accounts/gates), a member of the results
 * of login, jwtCreate, passkeyLogin and oauthCallback. verifyMfa (two-factor.ts) takes the next step.
 */
export function addMfaRequired(builder: Builder): AlternativeSuccess<MfaChallenge> {
  const MfaMethod = builder.enumType('MfaMethod', {
    description: 'A kind of code verifyMfa takes.',
    values: {
      TOTP: { description: 'A 6-digit code from the authenticator app.' },
      RECOVERY_CODE: { description: 'One of the recovery codes shown when TOTP was turned on (each works once).' },
    },
  });
  const MfaRequired = builder.objectRef<MfaChallenge>('MfaRequired').implement({
    description: 'The password was right, and the account has a second factor: send the mfaToken with a code to verifyMfa (within 5 minutes).',
    fields: (t) => ({
      mfaToken: t.exposeString('mfaToken', { description: 'Single use, for this login only; lives 5 minutes.' }),
      methods: t.field({ type: [MfaMethod], resolve: (challenge) => challenge.methods }),
    }),
  });
  return { name: 'MfaRequired', type: MfaRequired, matches: isMfaChallenge };
}

export function addLogin(
  builder: Builder,
  config: AuthConfig,
  shapes: InputShapes,
  errors: ErrorTypes,
  User: ObjectRef<any, PublicUser>,
  mfaRequired: AlternativeSuccess<MfaChallenge>,
) {
  defineMutation(builder, {
    name: 'Login',
    checksPassword: true,
    description: 'Opens a new session (one per device) and returns its token once; with a second factor on, answers MfaRequired instead.',
    validate: shapes.login,
    input: (t) => ({ ...loginFieldInput(t, config), password: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: sessionAnswerFields(config, User),
    alternatives: [mfaRequired],
    extensions: issuesSession,
    resolve: async (input, { authql }) => authql.accounts.login({ login: loginFieldValue(config, input), password: input.password }, authql.meta),
  });
}
