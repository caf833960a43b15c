// Passkeys: the caller's (me { passkeys }), registering and removing one, and signing in
// with one. The options mutations store a challenge, hence mutations.
import type { ObjectRef } from '@pothos/core';
import type { InputShapes, MfaChallenge, PasskeyView, PublicUser } from '../accounts';
import type { AuthConfig } from '../config';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields, type AlternativeSuccess } from './define-mutation';
import type { ErrorTypes } from './error-types';
import { sessionAnswerFields } from './login';
import { issuesSession } from './plugins/session-cookie';

export function addPasskeys(
  builder: Builder,
  config: AuthConfig,
  shapes: InputShapes,
  errors: ErrorTypes,
  User: ObjectRef<any, PublicUser>,
  mfaRequired: AlternativeSuccess<MfaChallenge>,
) {
  const Passkey = builder.objectRef<PasskeyView>('Passkey').implement({
    description: 'A WebAuthn credential the user registered to sign in with.',
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
      lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.lastUsedAt }),
    }),
  });

  builder.objectField(User, 'passkeys', (t) =>
    t.field({
      type: [Passkey],
      nullable: true,
      description: "The caller's own passkeys; null for anyone else's account.",
      resolve: async (u, _args, { authql }) => {
        const caller = await authql.caller().catch(() => null);
        return caller?.user.id === u.id ? authql.accounts.passkeys(u.id) : null;
      },
    }),
  );

  const optionsFields = (description: string) =>
    successFields<{ options: object }>((t) => ({ options: t.field({ type: 'JSON', description, resolve: (r) => r.options }) }));

  defineMutation(builder, {
    name: 'PasskeyRegistrationOptions',
    description:
      'Options for navigator.credentials.create() (WebAuthn), for the signed-in caller on a fresh session (else REAUTHENTICATION_REQUIRED); the challenge in them works once, for 5 minutes.',
    signedIn: true,
    errors: [errors.AuthError],
    success: optionsFields('PublicKeyCredentialCreationOptionsJSON.'),
    resolve: async (_input, { authql }) => authql.accounts.passkeyRegistrationOptions(await authql.requireCaller()),
  });

  defineMutation(builder, {
    name: 'PasskeyRegister',
    description: "Stores the browser's answer to passkeyRegistrationOptions as a passkey of the caller.",
    signedIn: true,
    validate: shapes.passkeyRegister,
    input: (t) => ({
      response: t.field({ type: 'JSON', required: true, description: 'RegistrationResponseJSON (PublicKeyCredential.toJSON()).' }),
      name: t.string({ description: 'What the user calls it ("Laptop"); at most 100 characters.' }),
    }),
    errors: [errors.ValidationError, errors.AuthError],
    success: successFields<{ passkey: PasskeyView }>((t) => ({ passkey: t.field({ type: Passkey, resolve: (r) => r.passkey }) })),
    resolve: async (input, { authql }) => authql.accounts.passkeyRegister(await authql.requireCaller(), { response: input.response, name: input.name }, authql.meta),
  });

  defineMutation(builder, {
    name: 'PasskeyRemove',
    checksPassword: true,
    description: "Removes one of the caller's passkeys (NOT_FOUND for anything else); needs the password (and, for a user with TOTP, a fresh session).",
    input: (t) => ({ id: t.id({ required: true }), currentPassword: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) =>
      authql.accounts.passkeyRemove(await authql.requireCaller(), { id: String(input.id), currentPassword: input.currentPassword }, authql.meta),
  });

  defineMutation(builder, {
    name: 'PasskeyLoginOptions',
    description:
      'Options for navigator.credentials.get() (WebAuthn) with a discoverable credential: no login typed; also the challenge of reauthenticate with a passkey. The challenge works once, for 5 minutes.',
    errors: [],
    success: optionsFields('PublicKeyCredentialRequestOptionsJSON.'),
    resolve: async (_input, { authql }) => authql.accounts.passkeyLoginOptions(authql.meta),
  });

  defineMutation(builder, {
    name: 'PasskeyLogin',
    description:
      'Signs in with a passkey: a new session. A user-verified passkey stands for the password and the second factor; without user verification (where webauthn.userVerification allows it) a user with TOTP gets MfaRequired.',
    input: (t) => ({ response: t.field({ type: 'JSON', required: true, description: 'AuthenticationResponseJSON (PublicKeyCredential.toJSON()).' }) }),
    errors: [errors.AuthError],
    success: sessionAnswerFields(config, User),
    alternatives: [mfaRequired],
    extensions: issuesSession,
    resolve: async (input, { authql }) => authql.accounts.passkeyLogin({ response: input.response }, authql.meta),
  });
}
