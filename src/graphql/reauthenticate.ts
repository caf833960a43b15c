// reauthenticate: makes the caller's session fresh again before changing how they sign in.
import type { Builder } from './builder';
import { defineMutation, successFields } from './define-mutation';
import type { ErrorTypes } from './error-types';

export function addReauthenticate(builder: Builder, errors: ErrorTypes) {
  defineMutation(builder, {
    name: 'Reauthenticate',
    checksPassword: true,
    signedIn: true,
    description:
      'Proves again that the caller owns the account — the password (and, with TOTP, a code), or a user-verified passkey — so the session is fresh for session.freshAge: adding or removing a passkey, a provider link or TOTP needs that.',
    input: (t) => ({
      password: t.string({ description: 'The current password.' }),
      code: t.string({ description: 'With TOTP on: a TOTP code or a recovery code, besides the password.' }),
      passkeyResponse: t.field({
        type: 'JSON',
        description: "Instead of password and code: AuthenticationResponseJSON answering passkeyLoginOptions' challenge, from one of the caller's passkeys, with user verification.",
      }),
    }),
    errors: [errors.ValidationError, errors.AuthError],
    success: successFields<{ access: string | null }>((t) => ({
      ok: t.boolean({ resolve: () => true }),
      access: t.string({
        nullable: true,
        description: 'With a JWT: a new access token of the same family carrying the new auth_time (the next jwtRefresh carries it too). Null for a session.',
        resolve: (r) => r.access,
      }),
    })),
    resolve: async (input, { authql }) =>
      authql.accounts.reauthenticate(
        await authql.requireCaller(),
        { password: input.password, code: input.code, passkeyResponse: input.passkeyResponse },
        authql.meta,
      ),
  });
}
