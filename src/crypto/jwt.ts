// JSON Web Tokens with jose: HS256 with a key derived from the secret, or EdDSA/RS256
// keys whose public halves are published as a JWKS so a gateway can verify on its own.
import { createHmac, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import type { JWK, JWTPayload, importJWK, importPKCS8 } from 'jose';
import { onFirstUse } from '../on-first-use';

// Loaded with the first token: a server that never issues one does not pay for it at start.
const jose = onFirstUse(() => import('jose'));

export type JwtKind = 'access' | 'refresh';

export interface JwtClaims {
  sub: string;
  typ: JwtKind;
  jti: string;
  /** The refresh-token family the token belongs to. */
  fam: string;
  /** Access tokens: the user's credentials version when issued (a password change moves it on). */
  cv?: number;
  /** Access tokens: when the family last fully signed in or re-authenticated (seconds; OpenID Connect's auth_time). */
  auth_time?: number;
  iat: number;
  exp: number;
}

export interface KeyConfig {
  kid?: string;
  alg: 'EdDSA' | 'RS256';
  privateKey: string;
}

export interface JwtSigner {
  /** Signs; the same claims with the same key give the same token (HS256, EdDSA and RS256 are deterministic). */
  sign(claims: JwtClaims): Promise<string>;
  /** The claims of a valid token of the given kind, or null (bad signature, expired, wrong kind). */
  verify(token: string, kind: JwtKind | 'any', now: Date): Promise<JwtClaims | null>;
  /** The public keys, or null with HS256 (nothing to publish). */
  jwks: { keys: JWK[] } | null;
}

type VerifyKey = Awaited<ReturnType<typeof importJWK>> | Uint8Array;

export async function createJwtSigner(secret: string, keys: KeyConfig[] | undefined, options: { issuer: string; audience?: string }): Promise<JwtSigner> {
  let signing: { alg: string; kid?: string; key: Awaited<ReturnType<typeof importPKCS8>> | Uint8Array };
  const verifying = new Map<string, { alg: string; key: VerifyKey }>();
  let jwks: { keys: JWK[] } | null = null;

  if (!keys?.length) {
    const key = new Uint8Array(createHmac('sha256', secret).update('authql.jwt.v1').digest());
    signing = { alg: 'HS256', key };
    verifying.set('', { alg: 'HS256', key });
  } else {
    const { calculateJwkThumbprint, importJWK, importPKCS8 } = await jose();
    const published: JWK[] = [];
    for (const [index, config] of keys.entries()) {
      const publicJwk = createPublicKey(createPrivateKey(config.privateKey)).export({ format: 'jwk' }) as JWK;
      const kid = config.kid ?? (await calculateJwkThumbprint(publicJwk));
      published.push({ ...publicJwk, kid, alg: config.alg, use: 'sig' });
      verifying.set(kid, { alg: config.alg, key: await importJWK({ ...publicJwk, alg: config.alg }, config.alg) });
      if (index === 0) signing = { alg: config.alg, kid, key: await importPKCS8(config.privateKey, config.alg) };
    }
    jwks = { keys: published };
  }

  return {
    jwks,
    async sign(claims) {
      const { sub, iat, exp, jti, ...rest } = claims;
      const { SignJWT } = await jose();
      const jwt = new SignJWT(rest as JWTPayload)
        .setProtectedHeader({ alg: signing!.alg, typ: 'JWT', ...(signing!.kid ? { kid: signing!.kid } : {}) })
        .setSubject(sub)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setJti(jti)
        .setIssuer(options.issuer);
      if (options.audience) jwt.setAudience(options.audience);
      return jwt.sign(signing!.key);
    },
    async verify(token, kind, now) {
      if (!token || token.length > 4096 || token.split('.').length !== 3) return null;
      try {
        const { decodeProtectedHeader, jwtVerify } = await jose();
        const header = decodeProtectedHeader(token);
        const entry = verifying.get(keys?.length ? String(header.kid ?? '') : '');
        if (!entry || header.alg !== entry.alg) return null;
        const { payload } = await jwtVerify(token, entry.key, {
          algorithms: [entry.alg],
          issuer: options.issuer,
          audience: options.audience,
          currentDate: now,
          clockTolerance: 5,
        });
        const claims = payload as unknown as JwtClaims;
        if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string' || typeof claims.fam !== 'string') return null;
        if (kind !== 'any' && claims.typ !== kind) return null;
        return claims;
      } catch {
        return null;
      }
    },
  };
}

export function newTokenId(): string {
  return randomBytes(16).toString('base64url');
}

/** The id of the token that replaces a refresh token: derived, so a retry inside the grace window gets the same one. */
export function successorTokenId(secret: string, jti: string): string {
  return createHmac('sha256', secret).update(`authql.refresh-successor.v1\u0000${jti}`).digest('base64url').slice(0, 22);
}

export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}
