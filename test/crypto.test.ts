// src/crypto on its own: the one-time tokens behind activation and reset links, the uid in
// those links, session tokens, and argon2id password hashing.
import { createHash } from 'node:crypto';
import * as argon2 from 'argon2';
import { parseConfig } from '../src/config';
import {
  checkOneTimeToken, decodeUid, encodeUid, fingerprint, makeOneTimeToken, type FingerprintState,
} from '../src/crypto/one-time-token';
import { hashPassword, makeDummyHash, needsRehash, verifyPassword } from '../src/crypto/password';
import { tokenDigest, newSessionToken } from '../src/crypto/session-token';

const SECRET = 'crypto-test-secret-0123456789-abcdefghij';
const USER_ID = '65f1c0ffee0123456789abcd';
const OTHER_USER_ID = '65f1c0ffee0123456789abce';
const NOW = 1_760_000_000; // whole seconds
const HOUR = 3600;

const state: FingerprintState = {
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
  loginKey: 'ada@example.com',
  email: 'Ada@Example.com',
  deactivatedAt: null,
  pendingEmail: null,
  lastLogin: new Date('2025-01-02T03:04:05.678Z'),
};

describe('one-time links (activation, password reset, login-field reset)', () => {
  const print = fingerprint('passwordReset', state);
  const token = makeOneTimeToken(SECRET, 'passwordReset', USER_ID, print, NOW);

  test('a link works for the user and purpose it was made for, and looks like <time>-<43 chars>', () => {
    expect(token).toMatch(/^[0-9a-z]{1,10}-[A-Za-z0-9_-]{43}$/);
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, token, HOUR, NOW)).toBe('valid');
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, token, HOUR, NOW + HOUR - 1)).toBe('valid');
  });

  test('a password-reset link cannot be used to activate an account or reset the login field', () => {
    expect(checkOneTimeToken(SECRET, 'activation', USER_ID, print, token, HOUR, NOW)).toBe('invalid');
    expect(checkOneTimeToken(SECRET, 'usernameReset', USER_ID, print, token, HOUR, NOW)).toBe('invalid');
    const activation = makeOneTimeToken(SECRET, 'activation', USER_ID, fingerprint('activation', state), NOW);
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, fingerprint('activation', state), activation, HOUR, NOW)).toBe('invalid');
  });

  test("one user's link does not work with another user's uid", () => {
    expect(checkOneTimeToken(SECRET, 'passwordReset', OTHER_USER_ID, print, token, HOUR, NOW)).toBe('invalid');
  });

  test("a link dies once the user's state (and so the fingerprint) changed", () => {
    const changed = fingerprint('passwordReset', { ...state, passwordHash: `${state.passwordHash}x` });
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, changed, token, HOUR, NOW)).toBe('invalid');
  });

  test('a link with a tampered signature or signed with another secret is refused', () => {
    const [time, sig] = token.split('-');
    const middle = 20;
    const flipped = sig.slice(0, middle) + (sig[middle] === 'A' ? 'B' : 'A') + sig.slice(middle + 1);
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, `${time}-${flipped}`, HOUR, NOW)).toBe('invalid');
    const reversed = sig.split('').reverse().join('');
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, `${time}-${reversed}`, HOUR, NOW)).toBe('invalid');
    // the issue time is signed too: moving it forward to extend the link breaks it
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, `${(NOW + 600).toString(36)}-${sig}`, HOUR, NOW + 2 * HOUR)).toBe('invalid');
    const forged = makeOneTimeToken('another-secret-0123456789-0123456789', 'passwordReset', USER_ID, print, NOW);
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, forged, HOUR, NOW)).toBe('invalid');
  });

  test('a link older than its lifetime is expired, one just inside it is not', () => {
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, token, HOUR, NOW + HOUR)).toBe('valid');
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, token, HOUR, NOW + HOUR + 1)).toBe('expired');
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, token, 3 * 86400, NOW + 3 * 86400 + 1)).toBe('expired');
  });

  test('an old link that was never genuine is invalid, not merely expired', () => {
    const [time] = token.split('-');
    const fake = `${time}-${'A'.repeat(43)}`;
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, fake, HOUR, NOW + 10 * HOUR)).toBe('invalid');
  });

  test('a link issued more than 60 s in the future is refused; small clock skew is tolerated', () => {
    const future = makeOneTimeToken(SECRET, 'passwordReset', USER_ID, print, NOW + 61);
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, future, HOUR, NOW)).toBe('invalid');
    const farFuture = makeOneTimeToken(SECRET, 'passwordReset', USER_ID, print, NOW + 86400);
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, farFuture, HOUR, NOW)).toBe('invalid');
    const skewed = makeOneTimeToken(SECRET, 'passwordReset', USER_ID, print, NOW + 30);
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, skewed, HOUR, NOW)).toBe('valid');
  });

  test.each([
    ['an empty string', ''],
    ['a dash', '-'],
    ['no dash', 'abcdef'],
    ['a time with no signature', `${NOW.toString(36)}-`],
    ['a signature with no time', `-${'A'.repeat(43)}`],
    ['a signature one character short', `${NOW.toString(36)}-${'A'.repeat(42)}`],
    ['a signature one character long', `${NOW.toString(36)}-${'A'.repeat(44)}`],
    ['standard base64 characters', `${NOW.toString(36)}-${'A+/'.repeat(14)}A`],
    ['an upper-case time', `${NOW.toString(36).toUpperCase()}-${'A'.repeat(43)}`],
    ['an 11-digit time', `${'z'.repeat(11)}-${'A'.repeat(43)}`],
    ['surrounding whitespace', ` ${NOW.toString(36)}-${'A'.repeat(43)} `],
    ['two dashes', `${NOW.toString(36)}--${'A'.repeat(43)}`],
    ['a URL-encoded slash', `${NOW.toString(36)}%2F${'A'.repeat(43)}`],
  ])('a mangled link (%s) is invalid', (_name, malformed) => {
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, malformed, HOUR, NOW)).toBe('invalid');
  });

  test('a genuine link with its own characters mangled is invalid', () => {
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, `${token}x`, HOUR, NOW)).toBe('invalid');
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, token.slice(0, -1), HOUR, NOW)).toBe('invalid');
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, print, token.replace('-', '.'), HOUR, NOW)).toBe('invalid');
  });
});

describe("the fingerprint of a user's state", () => {
  const purposes = ['activation', 'passwordReset', 'usernameReset'] as const;

  test('is stable for the same state', () => {
    for (const purpose of purposes) {
      expect(fingerprint(purpose, { ...state })).toBe(fingerprint(purpose, state));
      expect(fingerprint(purpose, { ...state, lastLogin: new Date(state.lastLogin!.getTime()) })).toBe(fingerprint(purpose, state));
    }
  });

  test.each([
    ['the password changes', { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$b3RoZXJoYXNo' }],
    ['the login field changes', { loginKey: 'grace@example.com' }],
    ['the email changes', { email: 'grace@example.com' }],
    ['the email is removed', { email: null }],
    ['staff deactivate the user', { deactivatedAt: new Date('2025-02-01T00:00:00Z') }],
  ] as const)('changes for every purpose when %s', (_name, change) => {
    for (const purpose of purposes) {
      expect(fingerprint(purpose, { ...state, ...change })).not.toBe(fingerprint(purpose, state));
    }
  });

  test('changes when staff deactivate the user a second time', () => {
    const once = { ...state, deactivatedAt: new Date('2025-02-01T00:00:00Z') };
    const twice = { ...state, deactivatedAt: new Date('2025-03-01T00:00:00Z') };
    for (const purpose of purposes) expect(fingerprint(purpose, twice)).not.toBe(fingerprint(purpose, once));
  });

  test('changes with the last login for password and login-field resets, so a reset link works once', () => {
    const loggedInAgain = { ...state, lastLogin: new Date(state.lastLogin!.getTime() + 1000) };
    const firstLogin = { ...state, lastLogin: null };
    for (const purpose of ['passwordReset', 'usernameReset'] as const) {
      expect(fingerprint(purpose, loggedInAgain)).not.toBe(fingerprint(purpose, state));
      expect(fingerprint(purpose, firstLogin)).not.toBe(fingerprint(purpose, state));
    }
  });

  test('changes for password and login-field resets when an email change is asked, so older reset links die', () => {
    for (const purpose of ['passwordReset', 'usernameReset'] as const) {
      expect(fingerprint(purpose, { ...state, pendingEmail: 'grace@example.com' })).not.toBe(fingerprint(purpose, state));
    }
  });

  test('does not change with the last login for activation, so a used activation link stays "stale"', () => {
    const loggedIn = { ...state, lastLogin: new Date() };
    const neverLoggedIn = { ...state, lastLogin: null };
    expect(fingerprint('activation', loggedIn)).toBe(fingerprint('activation', state));
    expect(fingerprint('activation', neverLoggedIn)).toBe(fingerprint('activation', state));
    // and an activation link made before the login still verifies after it
    const link = makeOneTimeToken(SECRET, 'activation', USER_ID, fingerprint('activation', neverLoggedIn), NOW);
    expect(checkOneTimeToken(SECRET, 'activation', USER_ID, fingerprint('activation', loggedIn), link, 3 * 86400, NOW + 10)).toBe('valid');
  });

  test('a reset link made before a password change is refused after it', () => {
    const before = fingerprint('passwordReset', state);
    const link = makeOneTimeToken(SECRET, 'passwordReset', USER_ID, before, NOW);
    const after = fingerprint('passwordReset', { ...state, passwordHash: `${state.passwordHash}-new` });
    expect(checkOneTimeToken(SECRET, 'passwordReset', USER_ID, after, link, HOUR, NOW + 5)).toBe('invalid');
  });
});

describe('the uid in links', () => {
  test('is the base64url of the user id and decodes back to it', () => {
    const uid = encodeUid(USER_ID);
    expect(uid).toBe(Buffer.from(USER_ID, 'utf8').toString('base64url'));
    expect(uid).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeUid(uid)).toBe(USER_ID);
    for (let i = 0; i < 50; i += 1) {
      const id = [...Array(24)].map(() => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
      expect(decodeUid(encodeUid(id))).toBe(id);
    }
  });

  test.each([
    ['empty', ''],
    ['plain text', 'hello'],
    ['not base64url', 'NjVmMWMwZmZlZTAxMjM0NTY3ODlhYmNk!'],
    ['standard base64 with padding', `${Buffer.from('65f1c0ffee0123456789abc').toString('base64')}`],
    ['a short id', encodeUid('65f1c0ffee')],
    ['a long id', encodeUid(`${USER_ID}00`)],
    ['a non-hex id', encodeUid('65f1c0ffee0123456789abcz')],
    ['an upper-case hex id', encodeUid(USER_ID.toUpperCase())],
    ['an id with spaces', encodeUid(` ${USER_ID.slice(1)}`)],
    ['far too long', 'A'.repeat(200)],
  ])('garbage (%s) is refused', (_name, uid) => {
    expect(decodeUid(uid)).toBeNull();
  });

  test('a non-canonical spelling of a valid uid is refused', () => {
    const uid = encodeUid(USER_ID);
    // the same bytes with a trailing character that the decoder would ignore
    expect(Buffer.from(`${uid}A`, 'base64url').toString('utf8')).toBe(USER_ID);
    expect(decodeUid(`${uid}A`)).toBeNull();
    // and padded
    expect(decodeUid(`${uid}=`)).toBeNull();
  });
});

describe('session tokens', () => {
  test('are 32 random bytes as 43 base64url characters, never repeated', () => {
    const tokens = Array.from({ length: 2000 }, () => newSessionToken());
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  test('are stored as their SHA-256 in hex, the same every time', () => {
    // FIPS 180-2's test vector for "abc"
    expect(tokenDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = newSessionToken();
    const hash = tokenDigest(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenDigest(token)).toBe(hash);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).not.toContain(token);
    expect(tokenDigest(newSessionToken())).not.toBe(hash);
  });
});

describe('password hashing', () => {
  const defaults = parseConfig({ mongodb: { uri: 'mongodb://unused' }, secret: SECRET }).passwordHashing;
  const params = { memoryCost: defaults.memoryCost, timeCost: defaults.timeCost, parallelism: defaults.parallelism };
  let dummy: string;
  beforeAll(async () => {
    dummy = await makeDummyHash(params);
  });

  test("by default a password is hashed with argon2id at OWASP's parameters (19 MiB, t=2, p=1)", async () => {
    expect(params).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const hash = await hashPassword('correct horse battery staple', params);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(hash).not.toContain('correct horse');
    // salted: the same password never hashes the same twice
    expect(await hashPassword('correct horse battery staple', params)).not.toBe(hash);
  });

  test('the right password verifies and a wrong one does not', async () => {
    const hash = await hashPassword('correct horse battery staple', params);
    expect(await verifyPassword(hash, 'correct horse battery staple', dummy)).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapl', dummy)).toBe(false);
    expect(await verifyPassword(hash, 'Correct horse battery staple', dummy)).toBe(false);
    expect(await verifyPassword(hash, '', dummy)).toBe(false);
  });

  test('a long (4096-character) password with non-ASCII characters verifies', async () => {
    const long = `${'pässwörd-🔑-'.repeat(400)}`.slice(0, 4096);
    const hash = await hashPassword(long, params);
    expect(await verifyPassword(hash, long, dummy)).toBe(true);
    expect(await verifyPassword(hash, long.slice(0, -1), dummy)).toBe(false);
  });

  test.each([
    ['an empty string', ''],
    ['plain text', 'not-a-hash'],
    ['a truncated argon2id hash', '$argon2id$v=19$m=19456,t=2,p=1$'],
    ['a bcrypt hash', '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5o3rjkq2zYqH2x5Cz6S.1mJ1v7q7G2a'],
    ['garbage in the salt', '$argon2id$v=19$m=19456,t=2,p=1$!!!!$!!!!'],
  ])('a malformed stored hash (%s) never authenticates', async (_name, hash) => {
    await expect(verifyPassword(hash, 'correct horse battery staple', dummy)).resolves.toBe(false);
    await expect(verifyPassword(hash, '', dummy)).resolves.toBe(false);
  });

  test('a hash made with the current parameters does not need rehashing; one made with other parameters does', async () => {
    const hash = await hashPassword('correct horse battery staple', params);
    expect(needsRehash(hash, params)).toBe(false);
    expect(needsRehash(hash, { ...params, memoryCost: 65536 })).toBe(true);
    expect(needsRehash(hash, { ...params, timeCost: 3 })).toBe(true);
    expect(needsRehash(hash, { ...params, parallelism: 2 })).toBe(true);
    const weaker = await hashPassword('correct horse battery staple', { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(needsRehash(weaker, params)).toBe(true);
    // still verifies, so the login that notices it can rehash
    expect(await verifyPassword(weaker, 'correct horse battery staple', dummy)).toBe(true);
  });

  test('an argon2i (not argon2id) hash needs rehashing', async () => {
    const argon2i = await argon2.hash('correct horse battery staple', { type: argon2.argon2i, ...params });
    expect(argon2i.startsWith('$argon2i$')).toBe(true);
    expect(needsRehash(argon2i, params)).toBe(true);
  });
});
