// The caller's sessions and JWT families: list them, revoke one, log out of this one or all.
import { GraphQLError } from 'graphql';
import type { SessionView } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields } from './define-mutation';
import { clearsSession } from './plugins/session-cookie';

export function addSessions(builder: Builder) {
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

  defineMutation(builder, {
    name: 'Logout',
    description: 'Revokes the calling session.',
    errors: [],
    success: okFields,
    extensions: clearsSession,
    resolve: async (_input, { authql }) => authql.accounts.logout(await authql.requireCaller(), authql.meta),
  });

  defineMutation(builder, {
    name: 'LogoutAll',
    description: "Revokes every session of the caller's account.",
    errors: [],
    success: successFields<{ revoked: number }>((t) => ({
      ok: t.boolean({ resolve: () => true }),
      revoked: t.int({ description: 'How many sessions were revoked, the calling one included.', resolve: (r) => r.revoked }),
    })),
    extensions: clearsSession,
    resolve: async (_input, { authql }) => authql.accounts.logoutAll(await authql.requireCaller(), authql.meta),
  });
}
