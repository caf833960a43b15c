// jwtCreate, jwtRefresh, jwtVerify; the caller's sessions and revokeSession.
import { GraphQLError } from 'graphql';
import type { AuthConfig } from '../config';
import type { SessionView } from '../accounts';
import type { Builder } from './builder';
import { resultType, type ErrorTypes } from './results';

export function addJwt(builder: Builder, config: AuthConfig, errors: ErrorTypes) {
  const login = config.loginField;

  const JwtCreateInput = builder.inputType('JwtCreateInput', {
    fields: (t) => ({ [login]: t.string({ required: true }), password: t.string({ required: true }) }),
  });
  const pairFields = (t: Parameters<Parameters<typeof resultType<{ access: string; refresh: string }>>[3]>[0]) => ({
    access: t.string({ description: `Send as \`Authorization: Bearer <access>\`; lives ${config.jwt.accessLifetime} s.`, resolve: (r) => r.access }),
    refresh: t.string({ description: 'Exchange it with jwtRefresh; it rotates on every use.', resolve: (r) => r.refresh }),
  });
  const JwtCreate = resultType<{ access: string; refresh: string }>(builder, 'JwtCreate', [errors.ValidationError, errors.AuthError], pairFields);
  builder.mutationField('jwtCreate', (t) =>
    t.field({
      type: JwtCreate.Union,
      description: 'Logs in and returns an access and a refresh JWT (a new token family).',
      args: { input: t.arg({ type: JwtCreateInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => {
        const values = input as Record<string, string>;
        return JwtCreate.toResult(await authql.accounts.jwtCreate({ login: values[login], password: values.password }, authql.meta));
      },
    }),
  );

  const JwtRefreshInput = builder.inputType('JwtRefreshInput', { fields: (t) => ({ refresh: t.string({ required: true }) }) });
  const JwtRefresh = resultType<{ access: string; refresh: string }>(builder, 'JwtRefresh', [errors.AuthError], pairFields);
  builder.mutationField('jwtRefresh', (t) =>
    t.field({
      type: JwtRefresh.Union,
      description: 'A new access token and the next refresh token. A rotated refresh token reused after the grace window revokes its family.',
      args: { input: t.arg({ type: JwtRefreshInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => JwtRefresh.toResult(await authql.accounts.jwtRefresh(input, authql.meta)),
    }),
  );

  const JwtVerifyInput = builder.inputType('JwtVerifyInput', { fields: (t) => ({ token: t.string({ required: true }) }) });
  const JwtVerify = resultType<object>(builder, 'JwtVerify', [errors.AuthError], (t) => ({ ok: t.boolean({ resolve: () => true }) }));
  builder.mutationField('jwtVerify', (t) =>
    t.field({
      type: JwtVerify.Union,
      description: 'Whether a JWT (access or refresh) is valid: signature, expiry, and for refresh tokens, not revoked.',
      args: { input: t.arg({ type: JwtVerifyInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => JwtVerify.toResult(await authql.accounts.jwtVerify(input)),
    }),
  );

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

  const RevokeSessionInput = builder.inputType('RevokeSessionInput', { fields: (t) => ({ id: t.id({ required: true }) }) });
  const RevokeSession = resultType<object>(builder, 'RevokeSession', [], (t) => ({ ok: t.boolean({ resolve: () => true }) }));
  builder.mutationField('revokeSession', (t) =>
    t.field({
      type: RevokeSession.Union,
      description: "Revokes one of the caller's sessions (NOT_FOUND for anything else).",
      args: { input: t.arg({ type: RevokeSessionInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => {
        const revoked = await authql.accounts.revokeSession(await authql.requireCaller(), { id: String(input.id) }, authql.meta);
        if (!revoked) throw new GraphQLError('No such session.', { extensions: { code: 'NOT_FOUND' } });
        return RevokeSession.toResult({ ok: true });
      },
    }),
  );
}
