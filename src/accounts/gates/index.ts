// The sign-in gates, in the order signIn asks them (sign-in.ts): each may stop a sign-in whose
// credential was right and answer the step the user still owes. A new second step is one file here.
import type { SignInGate } from '../sign-in';
import { secondFactorGate } from './second-factor';

export const SIGN_IN_GATES: readonly SignInGate[] = [secondFactorGate];
