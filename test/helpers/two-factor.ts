// The second factor as the stories use it: the documents, a clock the tests move in TOTP
// steps, the code an authenticator app would show, and "turn TOTP on" in one call.
import { LoginDocument, TotpEnableDocument, TotpSetupDocument } from '../../src/client/generated/graphql';
import { totpCode, totpStep } from '../../src/crypto/totp';
import type { Answer, TestServer } from './server';
import type { VerifyMfaMutation } from '../generated/graphql';
import { graphql } from '../generated';

export const TOTP_SETUP = graphql(`mutation TotpSetup($input: TotpSetupInput!) {
  totpSetup(input: $input) {
    __typename
    ... on TotpSetupSuccess { secret uri qrCodeSvg }
    ... on ValidationError { code message fieldErrors { field code message } }
    ... on AuthError { code message }
  }
}`);

export const TOTP_ENABLE = graphql(`mutation TotpEnable($input: TotpEnableInput!) {
  totpEnable(input: $input) {
    __typename
    ... on TotpEnableSuccess { recoveryCodes }
    ... on AuthError { code message }
  }
}`);

export const TOTP_DISABLE = graphql(`mutation TotpDisable($input: TotpDisableInput!) {
  totpDisable(input: $input) {
    __typename
    ... on TotpDisableSuccess { ok }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { field code message } }
  }
}`);

export const REGENERATE_RECOVERY_CODES = graphql(`mutation RegenerateRecoveryCodes($input: RegenerateRecoveryCodesInput!) {
  regenerateRecoveryCodes(input: $input) {
    __typename
    ... on RegenerateRecoveryCodesSuccess { recoveryCodes }
    ... on ValidationError { code message fieldErrors { field code message } }
    ... on AuthError { code message }
  }
}`);

/** Login, as a client that knows about the second step. */
export const LOGIN_WITH_MFA = graphql(`mutation LoginWithMfa($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on LoginSuccess { token user { id email } }
    ... on MfaRequired { mfaToken methods }
    ... on Error { code message }
  }
}`);

export const JWT_CREATE_WITH_MFA = graphql(`mutation JwtCreateWithMfa($input: JwtCreateInput!) {
  jwtCreate(input: $input) {
    __typename
    ... on JwtCreateSuccess { access refresh }
    ... on MfaRequired { mfaToken methods }
    ... on Error { code message }
  }
}`);

export const VERIFY_MFA = graphql(`mutation VerifyMfa($input: VerifyMfaInput!) {
  verifyMfa(input: $input) {
    __typename
    ... on VerifyMfaSuccess { token access refresh user { id email twoFactorEnabled } }
    ... on AuthError { code message }
  }
}`);

export const invalidOtp = { __typename: 'AuthError', code: 'INVALID_OTP', message: 'Invalid or already used code.' };
export const invalidMfaToken = {
  __typename: 'AuthError',
  code: 'INVALID_MFA_TOKEN',
  message: 'This sign-in has expired or was already completed; log in again.',
};

/** A clock for the server that the story moves: it starts 5 s into a TOTP step. */
export function stepClock() {
  let current = (totpStep(new Date()) * 30 + 5) * 1000;
  return {
    now: () => new Date(current),
    advance(seconds: number) {
      current += seconds * 1000;
    },
  };
}

/** The code an authenticator app shows now (or `steps` steps later or earlier). */
export function appCode(secret: string, now: Date, steps = 0): string {
  return totpCode(secret, totpStep(now) + steps);
}

/** Sets TOTP up and turns it on with the code of the current step; the secret and the recovery codes. */
export async function enableTotp(server: TestServer, user: { token: string; password: string }, now: Date): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await server.gql(TotpSetupDocument, { input: { currentPassword: user.password } }, { token: user.token });
  const setupAnswer = setup.data?.totpSetup;
  if (setupAnswer?.__typename !== 'TotpSetupSuccess') throw new Error(`totpSetup failed: ${JSON.stringify(setup)}`);
  const { secret } = setupAnswer;
  const enabled = await server.gql(TotpEnableDocument, { input: { code: appCode(secret, now) } }, { token: user.token });
  const enableAnswer = enabled.data?.totpEnable;
  if (enableAnswer?.__typename !== 'TotpEnableSuccess') throw new Error(`totpEnable failed: ${JSON.stringify(enabled)}`);
  return { secret, recoveryCodes: enableAnswer.recoveryCodes };
}

/** The first step of a login for a user with TOTP: the mfaToken. */
export async function mfaTokenFor(server: TestServer, email: string, password: string, headers?: Record<string, string>): Promise<string> {
  const response = await server.gql(LoginDocument, { input: { email, password } }, { headers });
  const answer = response.data?.login;
  if (answer?.__typename !== 'MfaRequired') throw new Error(`login did not ask for a second factor: ${JSON.stringify(response)}`);
  return answer.mfaToken;
}

/** The answer or the error codes, read as one shape: the story's assertion says which it expects. */
type VerifyMfaAnswer = Answer<VerifyMfaMutation['verifyMfa'] | { errors: unknown[] }>;

export async function verifyMfa(server: TestServer, mfaToken: string, code: string, headers?: Record<string, string>): Promise<VerifyMfaAnswer> {
  const response = await server.gql(VERIFY_MFA, { input: { mfaToken, code } }, { headers });
  if (response.errors) return { errors: response.errors.map((e) => e.extensions?.code) } as VerifyMfaAnswer;
  return response.data.verifyMfa as VerifyMfaAnswer;
}
