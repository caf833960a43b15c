// A user with a second factor owes it after the password, a provider, or a passkey without user
// verification: an mfaToken (MfaRequired) that verifyMfa exchanges, with a code, for the sign-in.
import { hasSecondFactor, startMfaChallenge } from '../mfa-challenge';
import type { SignInGate } from '../sign-in';

export const secondFactorGate: SignInGate = async (deps, user, options) =>
  options.allFactors || !hasSecondFactor(user) ? null : startMfaChallenge(deps, user, options.purpose);
