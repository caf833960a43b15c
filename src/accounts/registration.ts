// Signing up and activating an account by email.
import { checkOneTimeToken, decodeUid, type TokenPurpose } from '../crypto/one-time-token';
import { hashPassword } from '../crypto/password';
import type { UserRecord } from '../store';
import type { TemplateName } from '../mail/templates';
import { fireHook, type AccountDeps } from './deps';
import { answerNoSoonerThan, checkRequestLimits } from './rate-limits';
import type { FieldError, RequestMeta, Result } from './results';
import { startSession } from './sessions';
import {
  authFailure, loginValue, similarityAttributes, templateUser, toPublicUser, userFingerprint, validationFailure, type PublicUser,
} from './users';
import { checkEmail, checkLoginValue, checkPassword, checkRetype, checkUserFields, normalizeEmail, normalizeLogin } from './validation';

export interface RegisterInput {
  /** The login field's value (email or username). */
  login: string;
  /** With loginField 'username': the optional email. */
  email?: string | null;
  password: string;
  rePassword?: string | null;
  fields: Record<string, unknown>;
}

const nowSeconds = (deps: AccountDeps) => Math.floor(deps.now().getTime() / 1000);

/** Queues an email carrying a one-time link for the user. */
export async function sendLinkEmail(
  deps: AccountDeps,
  user: UserRecord,
  template: TemplateName,
  purpose: TokenPurpose,
  path: string,
  to = user.email,
): Promise<void> {
  if (!to) return;
  await deps.mailer.send({
    to,
    template,
    user: templateUser(user),
    login: loginValue(deps.config, user),
    link: { purpose, userId: user.id, issuedAt: nowSeconds(deps), fingerprint: userFingerprint(purpose, user), path },
  });
}

export async function sendNoticeEmail(deps: AccountDeps, user: UserRecord, template: TemplateName, to = user.email): Promise<void> {
  if (!to) return;
  await deps.mailer.send({ to, template, user: templateUser(user), login: loginValue(deps.config, user) });
}

export async function register(
  deps: AccountDeps,
  input: RegisterInput,
  meta: RequestMeta,
): Promise<Result<{ user: PublicUser; token: string | null }>> {
  const { config, messages } = deps;
  const limited = await checkRequestLimits(deps, 'register', meta);
  if (limited) return limited;
  const loginName = config.loginField;
  const email = config.loginField === 'email' ? input.login : input.email;
  const fieldErrors: FieldError[] = [...checkLoginValue(config, loginName, input.login, messages)];
  if (config.loginField === 'username') fieldErrors.push(...checkEmail('email', input.email, messages, false));
  const fields = checkUserFields(input.fields, config.userFields, messages, false);
  fieldErrors.push(...fields.errors);
  const attributes = similarityAttributes(config, {
    email,
    username: config.loginField === 'username' ? input.login : null,
    fields: fields.values,
  });
  fieldErrors.push(...checkPassword('password', input.password, attributes, config.passwordValidators, messages));
  if (config.userCreatePasswordRetype) {
    fieldErrors.push(...checkRetype('rePassword', input.rePassword, input.password, 'PASSWORD_MISMATCH', messages));
  }

  const loginKey = fieldErrors.some((e) => e.field === loginName) ? null : normalizeLogin(input.login);
  const taken = () => ({ field: loginName, code: 'ALREADY_EXISTS' as const, message: messages('ALREADY_EXISTS', { field: loginName }) });
  if (loginKey && (await deps.store.users.findUserByLogin(loginKey))) fieldErrors.push(taken());
  if (fieldErrors.length) return validationFailure(messages, fieldErrors);

  const refusal = await askBeforeRegister(deps, { login: input.login, email: email?.trim() || null, fields: fields.values }, meta);
  if (refusal) return validationFailure(messages, [refusal]);

  const now = deps.now();
  const active = !config.sendActivationEmail;
  const trimmedEmail = email?.trim() || null;
  const created = await deps.store.users.insertUser({
    email: trimmedEmail,
    username: config.loginField === 'username' ? input.login.trim() : null,
    loginKey: loginKey!,
    emailKey: trimmedEmail ? normalizeEmail(trimmedEmail) : null,
    passwordHash: await hashPassword(input.password, config.passwordHashing),
    isActive: active,
    isStaff: false,
    isSuperuser: false,
    dateJoined: now,
    // A registration that logs in is a login: it stamps lastLogin.
    lastLogin: active && config.loginAfterRegistration ? now : null,
    activatedAt: active ? now : null,
    deactivatedAt: null,
    profile: fields.values,
  });
  // Two registrations racing for one login: the unique index decides.
  if (created === 'duplicate') return validationFailure(messages, [taken()]);

  if (config.sendActivationEmail) await sendLinkEmail(deps, created, 'activation', 'activation', config.activationUrl);
  else if (config.sendConfirmationEmail) await sendNoticeEmail(deps, created, 'confirmation');

  const user = toPublicUser(created);
  await fireHook(deps, 'onRegistered', user, meta);
  const token = config.loginAfterRegistration && created.isActive ? await startSession(deps, created, meta) : null;
  return { ok: true, user, token };
}

/** The host's beforeRegister hook may refuse a registration; a hook that throws refuses it too. */
async function askBeforeRegister(deps: AccountDeps, input: { login: string; email: string | null; fields: Record<string, unknown> }, meta: RequestMeta): Promise<FieldError | null> {
  const hook = deps.config.hooks.beforeRegister;
  if (!hook) return null;
  const field = deps.config.loginField;
  try {
    const answer = await hook({ input, request: meta });
    if (!answer) return null;
    return typeof answer === 'string'
      ? { field, code: 'INVALID_VALUE', message: answer }
      : { field: answer.field ?? field, code: 'INVALID_VALUE', message: answer.message };
  } catch (error) {
    deps.config.logger.error('hook beforeRegister failed: the registration was refused', { reason: (error as Error).message });
    return { field, code: 'INVALID_VALUE', message: 'Registration was refused.' };
  }
}

/** Finds the user a link was made for, and checks the link's token for the given purpose. */
export async function checkLink(
  deps: AccountDeps,
  uid: string,
  token: string,
  purpose: TokenPurpose,
): Promise<Result<{ user: UserRecord }>> {
  const userId = decodeUid(uid ?? '');
  const user = userId ? await deps.store.users.findUserById(userId) : null;
  if (!user) return authFailure(deps.messages, 'INVALID_UID');
  const lifetime = deps.config.tokenLifetimes[purpose];
  const check = checkOneTimeToken(deps.config.secret, purpose, user.id, userFingerprint(purpose, user), token ?? '', lifetime, nowSeconds(deps));
  if (check !== 'valid') return authFailure(deps.messages, 'INVALID_TOKEN');
  return { ok: true, user };
}

export async function activate(
  deps: AccountDeps,
  input: { uid: string; token: string },
  meta: RequestMeta,
): Promise<Result<{ user: PublicUser; token: string | null }>> {
  const checked = await checkLink(deps, input.uid, input.token, 'activation');
  if (!checked.ok) return checked;
  if (checked.user.isActive || checked.user.activatedAt) return authFailure(deps.messages, 'STALE_TOKEN');

  const now = deps.now();
  // Compare-and-set: of two concurrent activations, one wins and the other is stale.
  // With loginAfterActivation the activation is also a login: it stamps lastLogin, as login does.
  const changes = deps.config.loginAfterActivation ? { isActive: true, activatedAt: now, lastLogin: now } : { isActive: true, activatedAt: now };
  const activated = await deps.store.users.updateUser(checked.user.id, changes, { isActive: false, activatedAt: null });
  if (!activated || activated === 'duplicate') return authFailure(deps.messages, 'STALE_TOKEN');

  if (deps.config.sendConfirmationEmail) await sendNoticeEmail(deps, activated, 'confirmation');
  const user = toPublicUser(activated);
  await fireHook(deps, 'onActivated', user, meta);
  const token = deps.config.loginAfterActivation ? await startSession(deps, activated, meta) : null;
  return { ok: true, user, token };
}

/** Users an email address belongs to (by login key, or by email when the login is the username). */
export async function usersWithEmail(deps: AccountDeps, email: string): Promise<UserRecord[]> {
  const key = normalizeEmail(email);
  if (deps.config.loginField === 'email') {
    const user = await deps.store.users.findUserByLogin(key);
    return user ? [user] : [];
  }
  return deps.store.users.findUsersByEmail(key);
}

export function showEmailNotFound(deps: AccountDeps): boolean {
  return deps.config.passwordResetShowEmailNotFound || deps.config.usernameResetShowEmailNotFound;
}

export async function resendActivation(deps: AccountDeps, input: { email: string }, meta: RequestMeta): Promise<Result<object>> {
  if (!deps.config.sendActivationEmail) return authFailure(deps.messages, 'ACTIVATION_DISABLED');
  const limited = await checkRequestLimits(deps, 'emailRequests', meta);
  if (limited) return limited;
  const fieldErrors = checkEmail('email', input.email, deps.messages);
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);

  const started = performance.now();
  // Only a user who never was active gets a new link; one deactivated by staff gets nothing.
  const recipients = (await usersWithEmail(deps, input.email)).filter((u) => !u.isActive && !u.activatedAt && !u.deactivatedAt);
  if (!recipients.length && showEmailNotFound(deps)) {
    return validationFailure(deps.messages, [{ field: 'email', code: 'EMAIL_NOT_FOUND', message: deps.messages('EMAIL_NOT_FOUND') }]);
  }
  for (const user of recipients) await sendLinkEmail(deps, user, 'activation', 'activation', deps.config.activationUrl);
  await answerNoSoonerThan(started);
  return { ok: true };
}
