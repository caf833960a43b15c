// One secret check per operation. Aliases would let one request run many argon2 verifications
// or second-factor guesses (a guessing amplifier and a CPU sink): a second field that checks a
// password or code in the same operation is refused before it runs.
import type { GraphQLContext } from '../builder';
import { rateLimitedError } from '../error-types';

/** The requests (by their authql context) that already spent their one password or code check. */
const spentSecretChecks = new WeakSet<object>();

/** Called by a field that hashes or verifies a password or checks a code, before it does. */
export function spendSecretCheck(context: GraphQLContext): void {
  if (spentSecretChecks.has(context.authql)) {
    throw rateLimitedError('One operation may check at most one password or code: send the others as separate requests.', 1);
  }
  spentSecretChecks.add(context.authql);
}
