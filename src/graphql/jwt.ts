// jwtCreate, jwtRefresh, jwtVerify; the caller's sessions and revokeSession.
import { GraphQLError } from 'graphql';
import type { AuthConfig } from '../config';
import type { InputShapes, MfaChallenge, SessionView } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields, type AlternativeSuccess, type ErrorTypes } from './results';
import { loginFieldInput, loginFieldValue } from './user';

export function addJwt(builder: Builder, config: AuthConfig, shapes: InputShapes, errors: ErrorTypes, mfaRequired: AlternativeSuccess<MfaChallenge>) {
  type Pair = { access: string; refresh: string };
  const pairFields = successFields<Pair>((t) => ({
    access: t.string({ description: `Send as \`Authorization: Bearer <access>\`; lives ${config.jwt.accessLifetime} s.`, resolve: (r) => r.access }),
    refresh: t.string({ description: 'Exchange it with jwtRefresh; it rotates on every use.', resolve: (r) => r.refresh }),
  }));

  defineMutation(builder, {
    name: 'JwtCreate',
    checksPassword: true,
    description: 'Logs in and returns an access and a refresh JWT (a new token family); with a second factor on, answers MfaRequired instead.',
    validate: shapes.login,
    input: (t) => ({ ...loginFieldInput(t, config), password: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: pairFields,
    alternatives: [mfaRequired],
    resolve: async (input, { authql }) => authql.accounts.jwtCreate({ login: loginFieldValue(config, input), password: input.password }, authql.meta),
  });

  defineMutation(builder, {
    name: 'JwtRefresh',
    description: 'A new access token and the next refresh token. A rotated refresh token reused after the grace window revokes its family.',
    input: (t) => ({ refresh: t.string({ required: true }) }),
    errors: [errors.AuthError],
    success: pairFields,
    resolve: async (input, { authql }) => authql.accounts.jwtRefresh({ refresh: input.refresh }, authql.meta),
  });

  defineMutation(builder, {
    name: 'JwtVerify',
    description: 'Whether a JWT (access or refresh) is valid: signature, expiry, and for refresh tokens, not revoked.',
    input: (t) => ({ token: t.string({ required: true }) }),
    errors: [errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.jwtVerify({ token: input.token }),
  });

  const SessionKind = builder.enumType('SessionKind', {
    values: { SESSION: { description: 'A session token from login.' }, JWT: { description: 'A refresh-token family from jwtCreate.' } },
  });
  const Session = builder.objectRef<SessionView>('Session').implement({
    description: "One of the caller's signed-in devices.",
    fields: (t) => ({
      id: t.exposeID('id'),
      kind: t.field({ type: SessionKind, resolve: (s) => s.kind }),
      createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
      lastUsedAt: t.field({ type: 'DateTime', resolve: (s) => s.lastUsedAt }),
      expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt }),
      userAgent: t.string({ nullable: true, resolve: (s) => s.userAgent }),
      ip: t.string({ nullable: true, resolve: (s) => s.ip }),
      current: t.boolean({ description: 'The session of this request.', resolve: (s) => s.current }),
    }),
  });
  builder.queryField('sessions', (t) =>
    t.field({
      type: [Session],
      description: "The caller's active sessions and refresh-token families.",
      resolve: async (_root, _args, { authql }) => authql.accounts.sessions(await authql.requireCaller()),
    }),
  );

  defineMutation(builder, {
    name: 'RevokeSession',
    description: "Revokes one of the caller's sessions (NOT_FOUND for anything else).",
    input: (t) => ({ id: t.id({ required: true }) }),
    errors: [],
    success: okFields,
    resolve: async (input, { authql }) => {
      const revoked = await authql.accounts.revokeSession(await authql.requireCaller(), { id: String(input.id) }, authql.meta);
      if (!revoked) throw new GraphQLError('No such session.', { extensions: { code: 'NOT_FOUND' } });
      return { ok: true };
    },
  });
}
