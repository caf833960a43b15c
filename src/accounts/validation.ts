// Checks of what users type. The shape of each API input (required fields, lengths, email and
// username syntax, retypes, the password policy) is one zod schema over the input as the API
// names it: GraphQL checks it on the input object and the use cases check it for TypeScript
// hosts and the CLI. Checks that need an account (similarity to its attributes, a value
// already taken) are the use cases' own. Every field error is reported at once.
import { lookupKey } from '../lookup-key';
import { z } from 'zod';
import { dictionary } from '@zxcvbn-ts/language-common';
import { loginFieldLabel, type AuthConfig, type UserFieldSpec } from '../config';
import type { ErrorCode, Messages } from './messages';
import type { FieldError } from './results';

const EMAIL_MAX_LENGTH = 254;
const USERNAME_MAX_LENGTH = 150;
const PASSKEY_NAME_MAX_LENGTH = 100;
const emailFormat = z.email();
// Django's UnicodeUsernameValidator: letters, digits and @/./+/-/_
const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary as Record<string, string[]>)['passwords-common'].map((p) => p.toLowerCase()),
);

/** The password rules that are all reported together (once the password is there, not too long, and storable). */
const POLICY_CODES: ReadonlySet<ErrorCode> = new Set(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_COMMON', 'PASSWORD_ENTIRELY_NUMERIC']);

/** Emails are matched by their lookup key and stored as typed (trimmed). */
export const normalizeEmail = lookupKey;

/** The unique key of the login field: the same rule, so look-alike spellings collide. */
export const normalizeLogin = lookupKey;

/** `newEmail` / `newUsername` and their retype fields, as named in the API. */
export function loginInputNames(config: Pick<AuthConfig, 'loginField'>) {
  const label = loginFieldLabel(config);
  return { field: `new${label}`, retype: `reNew${label}`, label: config.loginField };
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
const trimmedOf = (value: unknown): string => textOf(value).trim();
const codeOf = (issue: object): ErrorCode | undefined => (issue as { params?: { code?: ErrorCode } }).params?.code;

type InputSchema = z.ZodType<Record<string, unknown>>;

/** A retyped field: `retype` must repeat `field`, else `code` on it. */
interface Retype {
  field: string;
  retype: string;
  code: 'PASSWORD_MISMATCH' | 'LOGIN_FIELD_MISMATCH';
  params?: Record<string, string>;
}

/** Every shape rule of the API's inputs, with our codes and the configured texts. */
export function createInputShapes(config: AuthConfig, messages: Messages) {
  /** A rule of a field, reported with our code; it runs only while the rules before it passed. */
  const rule = (code: ErrorCode, passes: (value: unknown) => boolean, params?: Record<string, number>) =>
    z.refine(passes, { error: messages(code, params), params: { code }, when: (payload) => payload.issues.length === 0 });
  /** A password policy rule: every failed one is reported, once the password's other rules passed. */
  const policyRule = (code: ErrorCode, passes: (password: string) => boolean, params?: Record<string, number>) =>
    z.refine((value: unknown) => passes(textOf(value)), {
      error: messages(code, params),
      params: { code },
      when: (payload) => payload.issues.every((issue) => POLICY_CODES.has(codeOf(issue)!)),
    });
  const isText = rule('INVALID_VALUE', (value) => value === undefined || value === null || typeof value === 'string');
  /** A text field; an `optional` one may be left out or empty, and its rules check what is typed. */
  const text = (rules: z.core.$ZodCheck<unknown>[], optional = false) => (optional ? z.unknown().optional() : z.unknown()).check(isText, ...rules);
  const typed = rule('REQUIRED', (value) => textOf(value) !== '');
  const typedTrimmed = rule('REQUIRED', (value) => trimmedOf(value) !== '');
  const atMost = (max: number) => rule('TOO_LONG', (value) => trimmedOf(value).length <= max, { max });

  const email = (optional: boolean) =>
    text(
      [
        ...(optional ? [] : [typedTrimmed]),
        atMost(EMAIL_MAX_LENGTH),
        rule('INVALID_EMAIL', (value) => trimmedOf(value) === '' || emailFormat.safeParse(trimmedOf(value)).success),
      ],
      optional,
    );
  const username = text([typedTrimmed, atMost(USERNAME_MAX_LENGTH), rule('INVALID_USERNAME', (value) => USERNAME_PATTERN.test(trimmedOf(value)))]);
  const loginValue = config.loginField === 'email' ? email(false) : username;
  // At login only what would make a useless rate-limit key is refused; a malformed value is just wrong credentials.
  const loginAtLogin = text([typedTrimmed, atMost(config.loginField === 'email' ? EMAIL_MAX_LENGTH : USERNAME_MAX_LENGTH)]);

  const policy = config.passwordValidators;
  const password = text([
    typed,
    rule('TOO_LONG', (value) => textOf(value).length <= policy.maxLength, { max: policy.maxLength }),
    // A lone UTF-16 surrogate cannot be hashed as typed (UTF-8 turns it into U+FFFD, so it would match other passwords).
    rule('INVALID_VALUE', (value) => !/\p{Cs}/u.test(textOf(value))),
    policyRule('PASSWORD_TOO_SHORT', (value) => [...value].length >= policy.minLength, { min: policy.minLength }),
    ...(policy.common ? [policyRule('PASSWORD_TOO_COMMON', (value) => !COMMON_PASSWORDS.has(value.trim().toLowerCase()))] : []),
    ...(policy.numeric ? [policyRule('PASSWORD_ENTIRELY_NUMERIC', (value) => !/^\d+$/.test(value))] : []),
  ]);

  /** An input of these fields; with `retype`, its retype field must be typed and equal to the field, as typed. */
  const withRetype = (fields: Record<string, z.ZodType>, retype: Retype | false): InputSchema => {
    if (!retype) return z.looseObject(fields);
    const matches = z.refine<Record<string, unknown>>((input) => textOf(input[retype.retype]) === '' || input[retype.retype] === input[retype.field], {
      error: messages(retype.code, retype.params),
      params: { code: retype.code },
      path: [retype.retype],
    });
    return z.looseObject({ ...fields, [retype.retype]: text([typed]) }).check(matches);
  };

  /** The declared user fields; `partial`: an update, where a field left out stays as it is and null clears an optional one. */
  const userFields = (partial: boolean) =>
    Object.fromEntries(Object.entries(config.userFields).map(([name, spec]) => [name, userField(spec, partial)]));
  const userField = (spec: UserFieldSpec, partial: boolean) => {
    const value = (raw: unknown) => (typeof raw === 'string' && spec.type === 'string' ? raw.trim() : raw);
    const missing = (raw: unknown) => {
      const given = value(raw);
      return given === undefined || given === null || given === '';
    };
    const whenGiven = (passes: (given: unknown) => boolean) => (raw: unknown) => missing(raw) || passes(value(raw));
    const checks = [
      ...(spec.required ? [rule('REQUIRED', (raw) => (partial && raw === undefined) || !missing(raw))] : []),
      rule('INVALID_VALUE', whenGiven(FIELD_TYPE_CHECKS[spec.type])),
      ...(spec.type === 'string' && spec.maxLength !== undefined
        ? [rule('TOO_LONG', whenGiven((given) => [...(given as string)].length <= spec.maxLength!), { max: spec.maxLength })]
        : []),
      ...(spec.validate ? [hostRule(spec.validate, value, missing)] : []),
    ];
    return partial || !spec.required ? z.unknown().optional().check(...checks) : z.unknown().check(...checks);
  };
  /** The host's own check of a user field: its answer is the message. */
  const hostRule = (validate: NonNullable<UserFieldSpec['validate']>, value: (raw: unknown) => unknown, missing: (raw: unknown) => boolean) =>
    z.superRefine(
      (raw: unknown, ctx) => {
        const problem = missing(raw) ? null : validate(value(raw) as never);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'INVALID_VALUE' } });
      },
      { when: (payload) => payload.issues.length === 0 },
    );

  const loginName = config.loginField;
  const usernameLogin = config.loginField === 'username';
  const login = loginInputNames(config);
  const loginRetype: Retype = { field: login.field, retype: login.retype, code: 'LOGIN_FIELD_MISMATCH', params: { field: login.label } };
  const newPasswordRetype: Retype = { field: 'newPassword', retype: 'reNewPassword', code: 'PASSWORD_MISMATCH' };
  return {
    register: withRetype(
      { [loginName]: loginValue, ...(usernameLogin ? { email: email(true) } : {}), ...userFields(false), password },
      config.userCreatePasswordRetype && { field: 'password', retype: 'rePassword', code: 'PASSWORD_MISMATCH' },
    ),
    createAdmin: z.looseObject({ [loginName]: loginValue, ...(usernameLogin ? { email: email(true) } : {}), password }) as InputSchema,
    login: z.looseObject({ [loginName]: loginAtLogin, password: text([typed]) }) as InputSchema,
    /** resendActivation, resetPassword, reset⟨L⟩. */
    emailRequest: z.looseObject({ email: email(false) }) as InputSchema,
    setPassword: withRetype({ newPassword: password }, config.setPasswordRetype && newPasswordRetype),
    resetPasswordConfirm: withRetype({ newPassword: password }, config.passwordResetConfirmRetype && newPasswordRetype),
    setLogin: withRetype({ [login.field]: loginValue }, config.setUsernameRetype && loginRetype),
    resetLoginConfirm: withRetype({ [login.field]: loginValue }, config.usernameResetConfirmRetype && loginRetype),
    /** updateMe and updateUser: the user fields sent and, with the username as login, the email. */
    profileChange: z.looseObject({ ...userFields(true), ...(usernameLogin ? { email: email(true) } : {}) }) as InputSchema,
    passkeyRegister: z.looseObject({
      name: text([rule('TOO_LONG', (value) => [...passkeyName(value)].length <= PASSKEY_NAME_MAX_LENGTH, { max: PASSKEY_NAME_MAX_LENGTH })], true),
    }) as InputSchema,
  };
}

export type InputShapes = ReturnType<typeof createInputShapes>;

const FIELD_TYPE_CHECKS: Record<UserFieldSpec['type'], (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  int: (value) => typeof value === 'number' && Number.isInteger(value),
  float: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean: (value) => typeof value === 'boolean',
};

/** What a passkey is called when its owner gave no name. */
export function passkeyName(name: unknown): string {
  return trimmedOf(name) || 'Passkey';
}

/** An issue of a shape schema (zod's, or the standard-schema issue the GraphQL input check passes on) as our field error. */
export function fieldErrorOf(issue: { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> }): FieldError {
  const keys = (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment));
  const field = keys.filter((key): key is string => typeof key === 'string').at(-1) ?? '';
  return { field, code: codeOf(issue) ?? 'INVALID_VALUE', message: issue.message };
}

/** The field errors of an input, as named in the API, in the order of its fields. */
export function inputErrors(schema: InputSchema, input: object): FieldError[] {
  const checked = schema.safeParse(input);
  return checked.success ? [] : checked.error.issues.map(fieldErrorOf);
}

/** A change of the user fields (and email) as the API names it: only what was sent. */
export function profileChangeAsTyped(input: { email?: string | null; fields: Record<string, unknown> }): Record<string, unknown> {
  return { ...input.fields, ...(input.email !== undefined ? { email: input.email } : {}) };
}

/** The declared user fields of an input as stored: strings trimmed, an empty value null; in an update only those sent. */
export function userFieldValues(input: Record<string, unknown>, specs: AuthConfig['userFields'], partial: boolean): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = input[name];
    if (partial && raw === undefined) continue;
    const value = typeof raw === 'string' && spec.type === 'string' ? raw.trim() : raw;
    values[name] = value === undefined || value === '' ? null : value;
  }
  return values;
}

/** Python's SequenceMatcher.quick_ratio: an upper bound of similarity from shared characters. */
export function quickRatio(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  const counts = new Map<string, number>();
  for (const ch of b) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let matches = 0;
  for (const ch of a) {
    const left = counts.get(ch) ?? 0;
    if (left > 0) {
      matches += 1;
      counts.set(ch, left - 1);
    }
  }
  return (2 * matches) / (a.length + b.length);
}

export interface SimilarityAttribute {
  /** As named in the message: "email", "username", "first name". */
  label: string;
  value: string | null | undefined;
}

/** Django's UserAttributeSimilarityValidator, on the whole value and on its word parts. */
function tooSimilarTo(password: string, attributes: SimilarityAttribute[], maxSimilarity: number): string | null {
  const lowered = password.toLowerCase();
  for (const { label, value } of attributes) {
    if (!value) continue;
    const valueLower = value.toLowerCase();
    for (const part of [...valueLower.split(/[^\p{L}\p{N}_]+/u), valueLower]) {
      if (!part) continue;
      // A short attribute inside a much longer password is not a similarity problem.
      if (lowered.length >= 10 * part.length && part.length < (maxSimilarity / 2) * lowered.length) continue;
      if (quickRatio(lowered, part) >= maxSimilarity) return label;
    }
  }
  return null;
}

/**
 * Adds PASSWORD_TOO_SIMILAR to the shape errors of an input when its password resembles the
 * account's attributes; first among the password's errors, as Django lists it. A password whose
 * shape is wrong beyond the policy (missing, too long, not storable) is not compared.
 */
export function withSimilarity(
  errors: FieldError[],
  fields: { password: string; retype?: string },
  password: string,
  attributes: SimilarityAttribute[],
  policy: AuthConfig['passwordValidators'],
  messages: Messages,
): FieldError[] {
  const { password: field, retype } = fields;
  if (policy.similarity === false || errors.some((e) => e.field === field && !POLICY_CODES.has(e.code))) return errors;
  const attribute = tooSimilarTo(password, attributes, policy.similarity);
  if (!attribute) return errors;
  const similar: FieldError = { field, code: 'PASSWORD_TOO_SIMILAR', message: messages('PASSWORD_TOO_SIMILAR', { attribute }) };
  const at = errors.findIndex((e) => e.field === field || e.field === retype);
  return at < 0 ? [...errors, similar] : [...errors.slice(0, at), similar, ...errors.slice(at)];
}
