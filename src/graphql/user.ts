// The User type: the login field, the account flags, and the declared userFields.
import type { InputFieldBuilder } from '@pothos/core';
import type { AuthConfig } from '../config';
import type { PublicUser } from '../accounts';
import type { Builder, Types } from './builder';

const SCALAR_OF = { string: 'String', boolean: 'Boolean', int: 'Int', float: 'Float' } as const;

export function addUserType(builder: Builder, config: AuthConfig) {
  return builder.objectRef<PublicUser>('User').implement({
    description: 'An account. Never carries a password or its hash.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The database id (an ObjectId as a hex string).' }),
      email: config.loginField === 'email' ? t.string({ resolve: (u) => u.email ?? '' }) : t.string({ nullable: true, resolve: (u) => u.email }),
      ...(config.loginField === 'username' ? { username: t.string({ resolve: (u) => u.username ?? '' }) } : {}),
      isActive: t.exposeBoolean('isActive'),
      isStaff: t.exposeBoolean('isStaff'),
      isSuperuser: t.exposeBoolean('isSuperuser'),
      dateJoined: t.field({ type: 'DateTime', resolve: (u) => u.dateJoined }),
      lastLogin: t.field({ type: 'DateTime', nullable: true, resolve: (u) => u.lastLogin }),
      emailVerified: t.exposeBoolean('emailVerified', {
        description: 'The user proved control of the address: a link emailed to it came back (activation, confirmEmailChange, a reset), or a provider vouched for it.',
      }),
      twoFactorEnabled: t.exposeBoolean('twoFactorEnabled', { description: 'TOTP is on: a password login also needs a code.' }),
      pendingEmail: t.string({
        nullable: true,
        description: 'An email address change waiting for confirmation. Shown to the user and to staff only.',
        resolve: async (u, _args, { authql }) => {
          if (!u.pendingEmail) return null;
          const caller = await authql.caller().catch(() => null);
          return caller && (caller.user.id === u.id || caller.user.isStaff) ? u.pendingEmail : null;
        },
      }),
      ...Object.fromEntries(
        Object.entries(config.userFields).map(([name, spec]) => [
          name,
          t.field({
            type: SCALAR_OF[spec.type],
            nullable: !spec.required,
            resolve: (u) => (u.fields[name] ?? null) as never,
          }),
        ]),
      ),
    }),
  });
}

/** The login field as an input field, named after the `loginField` option. */
export function loginFieldInput(t: InputFieldBuilder<Types, 'InputObject'>, config: AuthConfig) {
  return { [config.loginField]: t.string({ required: true }) };
}

/** The login field's value in an input that has it (its name is the option's, so its type cannot say). */
export function loginFieldValue(config: AuthConfig, input: object): string {
  return (input as Record<string, string>)[config.loginField];
}

/**
 * The declared userFields as input fields. They are optional in the schema even when
 * required, so that a missing one is reported as a ValidationError that names it.
 */
export function userFieldInputs(t: InputFieldBuilder<Types, 'InputObject'>, config: AuthConfig) {
  return Object.fromEntries(
    Object.entries(config.userFields).map(([name, spec]) => [
      name,
      t.field({ type: SCALAR_OF[spec.type], required: false, description: spec.required ? 'Required.' : undefined }),
    ]),
  );
}

export function pickUserFields(input: Record<string, unknown>, config: AuthConfig): Record<string, unknown> {
  return Object.fromEntries(Object.keys(config.userFields).filter((name) => name in input).map((name) => [name, input[name]]));
}
