// The second factor's pure parts: TOTP checked against RFC 6238's own test vectors, a code
// matched to its step (±1, never an old one), the sealed TOTP secret, recovery codes.
import { findRecoveryCode, hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode } from '../src/crypto/recovery-code';
import { openSecret, sealSecret } from '../src/crypto/sealed';
import { matchTotpStep, newTotpSecret, totpCode, totpStep, totpUri } from '../src/crypto/totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (ASCII), 8 digits, 30-second steps.
const RFC_SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [unixSeconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, HMAC-SHA-1)', () => {
  test.each(RFC_VECTORS)('at %i s the 8-digit code is %s', (unixSeconds, code) => {
    expect(totpCode(RFC_SEED_BASE32, totpStep(new Date(unixSeconds * 1000)), 8)).toBe(code);
  });

  test('the 6-digit code is the last six digits of the same value (RFC 4226 truncation)', () => {
    for (const [unixSeconds, code] of RFC_VECTORS) {
      expect(totpCode(RFC_SEED_BASE32, totpStep(new Date(unixSeconds * 1000)))).toBe(code.slice(2));
    }
  });

  const secret = newTotpSecret();
  const now = new Date('2026-03-01T12:00:10Z');
  const step = totpStep(now);

  test('a new secret is 160 bits of base32 (32 characters), different every time', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  test('a code is matched to its step: the current one, one before and one after; not two away', () => {
    expect(matchTotpStep(secret, totpCode(secret, step), now, 0)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, step - 1), now, 0)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, step + 1), now, 0)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCode(secret, step - 2), now, 0)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, step + 2), now, 0)).toBeNull();
  });

  test('a step already used, or older, is refused; spaces inside the code are fine; other secrets do not match', () => {
    expect(matchTotpStep(secret, totpCode(secret, step), now, step)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, step - 1), now, step - 1)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, step + 1), now, step)).toBe(step + 1);
    const code = totpCode(secret, step);
    expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, 0)).toBe(step);
    expect(matchTotpStep(newTotpSecret(), code, now, 0)).toBeNull();
    expect(matchTotpStep(secret, '', now, 0)).toBeNull();
  });

  test('the otpauth URI names the issuer and the account, and carries the secret', () => {
    const uri = new URL(totpUri(secret, 'Acme Inc', 'ada@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(totpUri(secret, 'Acme Inc', 'ada@example.com')).toMatch(/^otpauth:\/\/totp\/Acme%20Inc:ada%40example\.com\?/);
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Acme Inc');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});

describe('sealed secrets (AES-256-GCM under a key derived from AUTH_SECRET)', () => {
  const SECRET = 'second-factor-test-secret-0123456789';
  const USER = '65f1c0ffee0123456789abcd';
  const sealed = sealSecret(SECRET, 'totp', USER, 'JBSWY3DPEHPK3PXP');

  test('open with the same secret, purpose and owner; the plaintext is not in the sealed value', () => {
    expect(openSecret(SECRET, 'totp', USER, sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealSecret(SECRET, 'totp', USER, 'JBSWY3DPEHPK3PXP')).not.toBe(sealed);
  });

  test('another owner, purpose or AUTH_SECRET, or one changed character, opens nothing', () => {
    expect(openSecret(SECRET, 'totp', '65f1c0ffee0123456789abce', sealed)).toBeNull();
    expect(openSecret(SECRET, 'other', USER, sealed)).toBeNull();
    expect(openSecret(`${SECRET}!`, 'totp', USER, sealed)).toBeNull();
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect(openSecret(SECRET, 'totp', USER, `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`)).toBeNull();
    expect(openSecret(SECRET, 'totp', USER, 'v1.short')).toBeNull();
    expect(openSecret(SECRET, 'totp', USER, '')).toBeNull();
  });

  test("a provider's tokens sealed in the older format (v1.<iv>.<ciphertext>.<tag>, unbound) still open, and only as what they were", () => {
    const older = 'v1.BiV-1n_AbfphfoQH.fuSd7jsvopqCCnjU6Qr7D_OvCkLyTuQ.E6NYmpdtE1ewmjpq9M33hg';
    const secret = 'a-server-secret-of-at-least-32-bytes!!';
    expect(openSecret(secret, 'oauth tokens', '', older)).toBe('{"access_token":"at-1"}');
    expect(openSecret(secret, 'oauth tokens', USER, older)).toBeNull();
    expect(openSecret(secret, 'totp', '', older)).toBeNull();
    expect(openSecret(`${secret}!`, 'oauth tokens', '', older)).toBeNull();
    const resealed = sealSecret(secret, 'oauth tokens', '', '{"access_token":"at-1"}');
    expect(resealed.split('.')).toHaveLength(3);
    expect(openSecret(secret, 'oauth tokens', '', resealed)).toBe('{"access_token":"at-1"}');
  });
});

describe('recovery codes', () => {
  test('120 bits shown as xxxxxx-xxxxxx-xxxxxx-xxxxxx, each different; only a hash is kept', () => {
    const codes = Array.from({ length: 50 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{6}(-[0-9a-hjkmnp-tv-z]{6}){3}$/);
    // No fixed prefix: the first character already takes many values.
    expect(new Set(codes.map((c) => c[0])).size).toBeGreaterThan(16);
    expect(new Set(codes).size).toBe(50);
    expect(hashRecoveryCode(codes[0])).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(codes[0])).not.toContain(codes[0].replace(/-/g, ''));
  });

  test('a typed code matches its hash in any case, with or without dashes and spaces; another does not', () => {
    const codes = [newRecoveryCode(), newRecoveryCode(), newRecoveryCode()];
    const hashes = codes.map(hashRecoveryCode);
    expect(findRecoveryCode(hashes, codes[1])).toBe(hashes[1]);
    expect(findRecoveryCode(hashes, codes[1].toUpperCase().replace(/-/g, ' '))).toBe(hashes[1]);
    expect(findRecoveryCode(hashes, newRecoveryCode())).toBeNull();
    expect(findRecoveryCode([], codes[0])).toBeNull();
    expect(looksLikeRecoveryCode(codes[2])).toBe(true);
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});
