// `authql create-admin`: a superuser and staff member, active at once, held to the password policy.
import { hashPassword } from '../crypto/password';
import type { AccountDeps } from './deps';
import type { Result } from './results';
import { activeUserRecord, similarityAttributes, toPublicUser, validationFailure, type PublicUser } from './users';
import { inputErrors, normalizeEmail, normalizeLogin, withSimilarity } from './validation';

export async function createAdmin(
  deps: AccountDeps,
  input: { email: string | null; username: string | null; password: string },
): Promise<Result<{ user: PublicUser }>> {
  const { config, messages } = deps;
  const login = config.loginField === 'email' ? input.email : input.username;
  const shapeErrors = inputErrors(deps.inputShapes.createAdmin, input);
  const attributes = similarityAttributes(config, { email: input.email, username: input.username });
  const fieldErrors = withSimilarity(shapeErrors, { password: 'password' }, input.password, attributes, config.passwordValidators, messages);
  if (fieldErrors.length) return validationFailure(messages, fieldErrors);
  const now = deps.now();
  const email = input.email?.trim() || null;
  const created = await deps.store.users.insertUser(
    activeUserRecord(
      {
        email,
        username: config.loginField === 'username' ? input.username!.trim() : null,
        loginKey: normalizeLogin(login!),
        emailKey: email ? normalizeEmail(email) : null,
        passwordHash: await hashPassword(input.password, config.passwordHashing),
        isStaff: true,
        isSuperuser: true,
      },
      now,
    ),
  );
  if (created === 'duplicate') {
    return validationFailure(messages, [{ field: config.loginField, code: 'ALREADY_EXISTS', message: messages('ALREADY_EXISTS', { field: config.loginField }) }]);
  }
  return { ok: true, user: toPublicUser(created) };
}
