// src/crypto/login-code.ts on its own: the sign-in code an email shows is derived from its link
// token with the secret, and the store keeps only digests bound to one request.
import { loginCodeDigest, loginCodeMatches, loginCodeOf } from '../src/crypto/login-code';

const SECRET = 'login-code-test-secret-0123456789-abcdef';
const OTHER_SECRET = 'another-secret-for-the-same-token-012345';
const REQUEST = '0123456789abcdef01234567';

test('the code of a token is always the same digits, of the length asked, leading zeros kept', () => {
  const codes = Array.from({ length: 200 }, (_, i) => loginCodeOf(SECRET, `token-${i}`, 6));
  for (const code of codes) expect(code).toMatch(/^\d{6}$/);
  expect(loginCodeOf(SECRET, 'token-7', 6)).toBe(codes[7]);
  expect(loginCodeOf(SECRET, 'token-7', 8)).toMatch(/^\d{8}$/);
  // Spread over the digits, not one code for many tokens.
  expect(new Set(codes).size).toBeGreaterThan(190);
  expect(codes.some((code) => code.startsWith('0'))).toBe(true);
});

test('without the secret the code cannot be derived from the token', () => {
  const tokens = Array.from({ length: 50 }, (_, i) => `token-${i}`);
  const same = tokens.filter((token) => loginCodeOf(SECRET, token, 6) === loginCodeOf(OTHER_SECRET, token, 6));
  expect(same.length).toBeLessThan(2);
});

test('a digest matches only its own code, for its own request', () => {
  const digest = loginCodeDigest(SECRET, REQUEST, '042917');
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  expect(loginCodeMatches(SECRET, REQUEST, '042917', digest)).toBe(true);
  expect(loginCodeMatches(SECRET, REQUEST, '042918', digest)).toBe(false);
  expect(loginCodeMatches(SECRET, 'ffffffffffffffffffffffff', '042917', digest)).toBe(false);
  expect(loginCodeMatches(OTHER_SECRET, REQUEST, '042917', digest)).toBe(false);
  expect(loginCodeMatches(SECRET, REQUEST, '042917', 'short')).toBe(false);
});
