// jwtCreate, jwtRefresh, jwtVerify (simplejwt's endpoints).
import type { AuthConfig } from '../config';
import type { InputShapes, MfaChallenge } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields, type AlternativeSuccess } from './define-mutation';
import type { ErrorTypes } from './error-types';
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
}
