// Breached passwords (`passwordValidators.breached`): the k-anonymity range query of Have I Been
// Pwned. Only the first 5 hex characters of the password's SHA-1 leave the server, with padding
// asked for, so neither the service nor an observer of the response size learns the password.
// Runs where a new password is chosen: register, setPassword, resetPasswordConfirm.
import { createHash } from 'node:crypto';
import { ServiceUnavailableError } from '../errors';
import type { AccountDeps } from './deps';
import type { FieldError } from './results';

const PREFIX_LENGTH = 5;

/** How many times the range API has seen the password (0: never), or null when it could not be asked. */
async function timesBreached(deps: AccountDeps, password: string): Promise<number | null> {
  const { rangeUrl, timeout } = deps.config.passwordValidators.breached;
  const sha1 = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
  const prefix = sha1.slice(0, PREFIX_LENGTH);
  const suffix = sha1.slice(PREFIX_LENGTH);
  try {
    const response = await fetch(`${rangeUrl}${prefix}`, { headers: { 'Add-Padding': 'true' }, signal: AbortSignal.timeout(timeout * 1000) });
    if (!response.ok) throw new Error(`the range API answered HTTP ${response.status}`);
    for (const line of (await response.text()).split('\n')) {
      const [candidate, count] = line.trim().split(':');
      // Padding rows have a count of 0: they stand for no password.
      if (candidate?.toUpperCase() === suffix && Number(count) > 0) return Number(count);
    }
    return 0;
  } catch (error) {
    // Never the prefix: it is a piece of the password's hash.
    deps.config.logger.warn('the breached-password service could not be asked', { host: new URL(rangeUrl).host, reason: (error as Error).message });
    return null;
  }
}

/**
 * Adds PASSWORD_BREACHED on `field` when the password was found in a breach. Asked only for a
 * password with no other problem; when the service cannot be reached, `onError` decides: 'allow'
 * goes on, 'refuse' throws ServiceUnavailableError (SERVICE_UNAVAILABLE).
 */
export async function withBreachCheck(deps: AccountDeps, errors: FieldError[], field: string, password: string): Promise<FieldError[]> {
  const policy = deps.config.passwordValidators.breached;
  if (!policy.enabled || errors.some((error) => error.field === field)) return errors;
  const times = await timesBreached(deps, password);
  if (times === null) {
    if (policy.onError === 'refuse') throw new ServiceUnavailableError('The breached-password service');
    return errors;
  }
  if (times === 0) return errors;
  return [...errors, { field, code: 'PASSWORD_BREACHED', message: deps.messages('PASSWORD_BREACHED') }];
}
