// Signing up and activating an account by email.
import { hashPassword } from '../crypto/password';
import { withBreachCheck } from './breached-passwords';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { checkLink, requestLinkByEmail, sendLinkEmail, sendNoticeEmail } from './links';
import { checkRequestLimits } from './rate-limits';
import type { FieldError, RequestMeta, Result } from './results';
import { finishSignIn } from './sign-in';
import { authFailure, similarityAttributes, toPublicUser, validationFailure, type PublicUser } from './users';
import { inputErrors, normalizeEmail, normalizeLogin, userFieldValues, withSimilarity } from './validation';

export interface RegisterInput {
  /** The login field's value (email or username). */
  login: string;
  /** With loginField 'username': the optional email. */
  email?: string | null;
  password: string;
  rePassword?: string | null;
  fields: Record<string, unknown>;
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
  const asTyped = { ...input.fields, [loginName]: input.login, email, password: input.password, rePassword: input.rePassword };
  const shapeErrors = inputErrors(deps.inputShapes.register, asTyped);
  const fields = userFieldValues(input.fields, config.userFields, false);
  const validFields = Object.fromEntries(Object.entries(fields).filter(([name]) => !shapeErrors.some((e) => e.field === name)));
  const attributes = similarityAttributes(config, { email, username: config.loginField === 'username' ? input.login : null, fields: validFields });
  const similar = withSimilarity(shapeErrors, { password: 'password', retype: 'rePassword' }, input.password, attributes, config.passwordValidators, messages);
  const fieldErrors = await withBreachCheck(deps, similar, 'password', input.password);

  const loginKey = fieldErrors.some((e) => e.field === loginName) ? null : normalizeLogin(input.login);
  const taken = () => ({ field: loginName, code: 'ALREADY_EXISTS' as const, message: messages('ALREADY_EXISTS', { field: loginName }) });
  if (loginKey && (await deps.store.users.findUserByLogin(loginKey))) fieldErrors.push(taken());
  if (fieldErrors.length) return validationFailure(messages, fieldErrors);

  const refusal = await askBeforeRegister(deps, { login: input.login, email: email?.trim() || null, fields }, meta);
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
    pendingEmail: null,
    // Proven only when a link sent to it comes back (activation, a reset).
    emailVerified: false,
    credentialsVersion: 0,
    profile: fields,
  });
  // Two registrations racing for one login: the unique index decides.
  if (created === 'duplicate') return validationFailure(messages, [taken()]);

  if (config.sendActivationEmail) await sendLinkEmail(deps, created, 'activation', 'activation', config.activationUrl, meta);
  else if (config.sendConfirmationEmail) await sendNoticeEmail(deps, created, 'confirmation', meta);

  await emit(deps, { type: 'REGISTERED', actor: created.id, subject: created.id, meta, user: created });
  const signedIn = config.loginAfterRegistration && created.isActive;
  const token = signedIn ? (await finishSignIn(deps, created, meta, { purpose: 'session', strength: 'full', alongside: 'registration' })).token : null;
  return { ok: true, user: toPublicUser(created), token };
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

export async function activate(
  deps: AccountDeps,
  input: { uid: string; token: string },
  meta: RequestMeta,
): Promise<Result<{ user: PublicUser; token: string | null }>> {
  // Like every *Confirm: guessing links is limited per client.
  const limited = await checkRequestLimits(deps, 'confirm', meta);
  if (limited) return limited;
  const checked = await checkLink(deps, input.uid, input.token, 'activation');
  if (!checked.ok) return checked;
  if (checked.user.isActive || checked.user.activatedAt) return authFailure(deps.messages, 'STALE_TOKEN');

  const now = deps.now();
  // Compare-and-set: of two concurrent activations, one wins and the other is stale.
  // With loginAfterActivation the activation is also a login: it stamps lastLogin, as login does.
  // The link went to the user's address: it is proven.
  const changes = { isActive: true, activatedAt: now, emailVerified: true, ...(deps.config.loginAfterActivation ? { lastLogin: now } : {}) };
  const activated = await deps.store.users.updateUserIf(checked.user.id, changes, { isActive: false, activatedAt: null });
  if (!activated) return authFailure(deps.messages, 'STALE_TOKEN');

  if (deps.config.sendConfirmationEmail) await sendNoticeEmail(deps, activated, 'confirmation', meta);
  await emit(deps, { type: 'ACTIVATED', actor: activated.id, subject: activated.id, meta, user: activated });
  const token = deps.config.loginAfterActivation
    ? (await finishSignIn(deps, activated, meta, { purpose: 'session', strength: 'partial', alongside: 'activation' })).token
    : null;
  return { ok: true, user: toPublicUser(activated), token };
}

export async function resendActivation(deps: AccountDeps, input: { email: string }, meta: RequestMeta): Promise<Result<object>> {
  if (!deps.config.sendActivationEmail) return authFailure(deps.messages, 'ACTIVATION_DISABLED');
  // Only a user who never was active gets a new link; one deactivated by staff gets nothing.
  return requestLinkByEmail(
    deps,
    input.email,
    meta,
    (user) => !user.isActive && !user.activatedAt && !user.deactivatedAt,
    (user) => sendLinkEmail(deps, user, 'activation', 'activation', deps.config.activationUrl, meta),
  );
}
