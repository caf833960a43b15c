// Checks of what users type: login field, email, password policy, declared user fields.
// Each check returns field errors, so a form gets every problem at once.
import { z } from 'zod';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { AuthConfig, UserFieldSpec } from '../config';
import type { Messages } from './messages';
import type { FieldError } from './results';

const EMAIL_MAX_LENGTH = 254;
const USERNAME_MAX_LENGTH = 150;
const emailSchema = z.email();
// Django's UnicodeUsernameValidator: letters, digits and @/./+/-/_
const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary as Record<string, string[]>)['passwords-common'].map((p) => p.toLowerCase()),
);

/** Emails are matched case-insensitively and stored as typed (trimmed). */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

/** The unique key of the login field: NFKC + lower case, so look-alike spellings collide. */
export function normalizeLogin(value: string): string {
  return value.trim().normalize('NFKC').toLowerCase();
}

export function checkEmail(field: string, value: string | null | undefined, messages: Messages, required = true): FieldError[] {
  const email = value?.trim() ?? '';
  if (!email) return required ? [{ field, code: 'REQUIRED', message: messages('REQUIRED') }] : [];
  if (email.length > EMAIL_MAX_LENGTH) return [{ field, code: 'TOO_LONG', message: messages('TOO_LONG', { max: EMAIL_MAX_LENGTH }) }];
  if (!emailSchema.safeParse(email).success) return [{ field, code: 'INVALID_EMAIL', message: messages('INVALID_EMAIL') }];
  return [];
}

export function checkUsername(field: string, value: string | null | undefined, messages: Messages): FieldError[] {
  const username = value?.trim() ?? '';
  if (!username) return [{ field, code: 'REQUIRED', message: messages('REQUIRED') }];
  if (username.length > USERNAME_MAX_LENGTH) return [{ field, code: 'TOO_LONG', message: messages('TOO_LONG', { max: USERNAME_MAX_LENGTH }) }];
  if (!USERNAME_PATTERN.test(username)) return [{ field, code: 'INVALID_USERNAME', message: messages('INVALID_USERNAME') }];
  return [];
}

export function checkLoginValue(config: Pick<AuthConfig, 'loginField'>, field: string, value: string | null | undefined, messages: Messages): FieldError[] {
  return config.loginField === 'email' ? checkEmail(field, value, messages) : checkUsername(field, value, messages);
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

export function checkPassword(
  field: string,
  password: string | null | undefined,
  attributes: SimilarityAttribute[],
  policy: AuthConfig['passwordValidators'],
  messages: Messages,
): FieldError[] {
  if (!password) return [{ field, code: 'REQUIRED', message: messages('REQUIRED') }];
  if (password.length > policy.maxLength) return [{ field, code: 'TOO_LONG', message: messages('TOO_LONG', { max: policy.maxLength }) }];
  // A lone UTF-16 surrogate cannot be hashed as typed (UTF-8 turns it into U+FFFD, so it would match other passwords).
  if (/\p{Cs}/u.test(password)) return [{ field, code: 'INVALID_VALUE', message: messages('INVALID_VALUE') }];
  const errors: FieldError[] = [];
  if (policy.similarity !== false) {
    const attribute = tooSimilarTo(password, attributes, policy.similarity);
    if (attribute) errors.push({ field, code: 'PASSWORD_TOO_SIMILAR', message: messages('PASSWORD_TOO_SIMILAR', { attribute }) });
  }
  if ([...password].length < policy.minLength) {
    errors.push({ field, code: 'PASSWORD_TOO_SHORT', message: messages('PASSWORD_TOO_SHORT', { min: policy.minLength }) });
  }
  if (policy.common && COMMON_PASSWORDS.has(password.trim().toLowerCase())) {
    errors.push({ field, code: 'PASSWORD_TOO_COMMON', message: messages('PASSWORD_TOO_COMMON') });
  }
  if (policy.numeric && /^\d+$/.test(password)) {
    errors.push({ field, code: 'PASSWORD_ENTIRELY_NUMERIC', message: messages('PASSWORD_ENTIRELY_NUMERIC') });
  }
  return errors;
}

export function checkRetype(field: string, value: string | null | undefined, expected: string | null | undefined, code: 'PASSWORD_MISMATCH' | 'LOGIN_FIELD_MISMATCH', messages: Messages, params?: Record<string, string>): FieldError[] {
  if (value === undefined || value === null || value === '') return [{ field, code: 'REQUIRED', message: messages('REQUIRED') }];
  return value === expected ? [] : [{ field, code, message: messages(code, params) }];
}

function checkFieldValue(name: string, spec: UserFieldSpec, value: unknown, messages: Messages): FieldError[] {
  const fail = (code: 'INVALID_VALUE' | 'TOO_LONG', params?: Record<string, number>, message?: string): FieldError[] => [
    { field: name, code, message: message ?? messages(code, params) },
  ];
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return fail('INVALID_VALUE');
      if (spec.maxLength !== undefined && [...value].length > spec.maxLength) return fail('TOO_LONG', { max: spec.maxLength });
      break;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('INVALID_VALUE');
      break;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('INVALID_VALUE');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return fail('INVALID_VALUE');
      break;
  }
  const problem = spec.validate?.(value);
  return problem ? fail('INVALID_VALUE', undefined, problem) : [];
}

/**
 * Checks the declared user fields of an input and keeps only those (no mass assignment).
 * `partial`: an update, where absent fields stay as they are; null clears an optional field.
 */
export function checkUserFields(
  input: Record<string, unknown>,
  specs: AuthConfig['userFields'],
  messages: Messages,
  partial: boolean,
): { values: Record<string, unknown>; errors: FieldError[] } {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const raw = input[name];
    const value = typeof raw === 'string' && spec.type === 'string' ? raw.trim() : raw;
    const missing = value === undefined || value === null || value === '';
    if (missing) {
      if (spec.required && (!partial || value !== undefined)) {
        errors.push({ field: name, code: 'REQUIRED', message: messages('REQUIRED') });
      } else if (value !== undefined || !partial) {
        values[name] = null;
      }
      continue;
    }
    const fieldErrors = checkFieldValue(name, spec, value, messages);
    if (fieldErrors.length) errors.push(...fieldErrors);
    else values[name] = value;
  }
  return { values, errors };
}
