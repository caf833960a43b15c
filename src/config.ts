// Every option of createAuth is parsed, checked and defaulted here, once.
// The rest of the code receives an AuthConfig and never looks at raw options.
import { randomBytes } from 'node:crypto';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import type { BeforeRegisterHook, Hook } from './host-types';
import { createConsoleLogger, type Logger } from './logger';

export class ConfigError extends Error {
  name = 'ConfigError';
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A duration is a number of seconds or a string `<n>s|m|h|d`; the result is in seconds. */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (!match) throw new ConfigError(`"${value}" is not a duration (use seconds or <n>s|m|h|d)`);
  return Number(match[1]) * DURATION_UNITS[match[2]];
}

const duration = z
  .union([z.number().positive(), z.string()])
  .refine((v) => {
    try {
      return parseDuration(v) > 0;
    } catch {
      return false;
    }
  }, 'expected a duration: seconds or a string like "10s", "5m", "1h", "3d"')
  .transform(parseDuration);

/** A rate written "10/1m": at most 10 in any one-minute window. */
const rate = z
  .string()
  .regex(/^\d+\s*\/\s*\d+[smhd]$/, 'expected a rate like "10/1m" (count/duration)')
  .transform((value) => {
    const [count, window] = value.split('/').map((p) => p.trim());
    return { limit: Number(count), windowSeconds: parseDuration(window) };
  });

export type Rate = { limit: number; windowSeconds: number };

/** The proxy sources Express's `trust proxy` knows by name. */
const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** proxy-addr's own reading of a source (an address, a CIDR or netmask range, or a name). */
function proxySourceParses(source: string): boolean {
  try {
    proxyaddr.compile(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whose X-Forwarded-For is believed: none, one proxy (true), a number of proxies, or the proxies'
 * addresses, CIDR ranges and names (a list, or one comma-separated string), as Express's `trust proxy`.
 */
const trustProxySchema = z
  .union([z.boolean(), z.number().int().min(1).max(10), z.string(), z.array(z.string()).min(1)])
  .transform((value, context) => {
    if (typeof value !== 'string' && !Array.isArray(value)) return value;
    const sources = (typeof value === 'string' ? value.split(',') : value).map((source) => source.trim());
    for (const source of sources.filter((entry) => !proxySourceParses(entry))) {
      context.addIssue({ code: 'custom', message: `"${source}" is neither an IP address, a CIDR range nor one of ${TRUST_PROXY_NAMES.join(', ')}` });
    }
    return sources;
  });

export type TrustProxy = boolean | number | string | string[];

const rateLimitsSchema = z
  .object({
    login: z.object({ perAccount: rate.prefault('10/1m'), perIp: rate.prefault('30/1m') }).strict().prefault({}),
    register: z.object({ perIp: rate.prefault('10/1h') }).strict().prefault({}),
    emailRequests: z.object({ perIp: rate.prefault('10/10m') }).strict().prefault({}),
    /** The *Confirm mutations and confirmEmailChange, per client network. */
    confirm: z.object({ perIp: rate.prefault('30/10m') }).strict().prefault({}),
    /**
     * Progressive throttling: after `failures` failed logins from one client network an account
     * (known or not) is locked there for `duration`; after `accountFailures` consecutive ones from
     * any networks, everywhere (NIST SP 800-63B §5.2.2).
     */
    lockout: z
      .object({ failures: z.number().int().min(1).default(10), duration: duration.prefault('15m'), accountFailures: z.number().int().min(1).default(100) })
      .strict()
      .prefault({}),
    /** Accepted as an alias of the top-level trustProxy. */
    trustProxy: trustProxySchema.optional(),
  })
  .strict();

export type RateLimits = z.output<typeof rateLimitsSchema>;

const durationOrZero = z.union([z.literal(0), duration]);

const jwtKeySchema = z
  .object({
    /** Key id in the token header and the JWKS; defaults to the key's JWK thumbprint. */
    kid: z.string().min(1).optional(),
    alg: z.enum(['EdDSA', 'RS256']),
    /** PKCS#8 PEM. */
    privateKey: z.string().includes('PRIVATE KEY', { message: 'expected a PKCS#8 PEM private key' }),
  })
  .strict();

const RESERVED_FIELD_NAMES = new Set([
  'id', '_id', 'email', 'username', 'password', 'rePassword', 'isActive', 'isStaff',
  'isSuperuser', 'dateJoined', 'lastLogin', 'token', 'currentPassword', 'passwordHash',
]);

const userFieldSchema = z
  .object({
    type: z.enum(['string', 'boolean', 'int', 'float']),
    required: z.boolean().default(false),
    maxLength: z.number().int().positive().optional(),
    /** Returns an error message, or nothing when the value is fine. */
    validate: z.custom<(value: unknown) => string | null | undefined | void>((v) => typeof v === 'function').optional(),
  })
  .strict();

export type UserFieldSpec = z.infer<typeof userFieldSchema>;

const messagesSchema = z.record(z.string(), z.string());

const frontendSchema = z
  .object({
    domain: z.string().min(1).optional(),
    protocol: z.enum(['http', 'https']).optional(),
    siteName: z.string().min(1).optional(),
  })
  .strict();

const passwordValidatorsSchema = z
  .object({
    minLength: z.number().int().min(1).default(8),
    maxLength: z.number().int().min(8).max(4096).default(4096),
    common: z.boolean().default(true),
    similarity: z.union([z.literal(false), z.number().min(0.1).max(1)]).default(0.7),
    numeric: z.boolean().default(true),
    /**
     * The k-anonymity range API of breached passwords (Have I Been Pwned's, or a mirror that serves
     * `<rangeUrl><5 hex>`): only the first 5 hex characters of the password's SHA-1 leave the server.
     */
    breached: z
      .object({
        enabled: z.boolean().default(false),
        rangeUrl: z
          .url()
          .refine((value) => /^https?:\/\//.test(value), 'expected an http(s) URL')
          .default('https://api.pwnedpasswords.com/range/'),
        timeout: duration.default(2),
        /** The service cannot be reached: 'allow' logs a warning and accepts the password, 'refuse' answers SERVICE_UNAVAILABLE. */
        onError: z.enum(['allow', 'refuse']).default('allow'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const emailSchema = z
  .object({
    /** An SMTP URL, a nodemailer transport (object with sendMail) or transport options; absent = console. */
    transport: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
    from: z.string().min(1).optional(),
    templatesDir: z.string().min(1).optional(),
    perRecipientPerHour: z.number().int().min(0).default(5),
    maxAttempts: z.number().int().min(1).default(8),
    /** The first retry waits this long; each further one twice as long (with jitter), at most 30 minutes. */
    retryDelay: duration.prefault(2),
    /** How often the worker looks for due messages when nothing woke it. */
    pollInterval: duration.prefault(1),
    /**
     * How long a worker holds an email it is sending: if it dies (a crash, SIGKILL) another
     * worker sends the email again this long after it was taken. Longer than the slowest send.
     */
    lease: duration.prefault(60),
    /** Run the delivery worker in this process (off when a separate `authql mail-worker` delivers). */
    worker: z.boolean().default(true),
  })
  .strict();

const metricsSchema = z
  .object({
    enabled: z.boolean().default(false),
    path: z.string().regex(/^\/[A-Za-z0-9._~\/-]*$/, 'expected a path like "/metrics"').default('/metrics'),
    /** A separate port for the metrics (e.g. one only the cluster can reach); absent: the API's own port. */
    port: z.number().int().min(0).max(65535).optional(),
    /** Where the separate metrics port listens; default: the server's host. */
    host: z.string().min(1).optional(),
    /** A Bearer token the scraper must send for the metrics on the API's port (required there in production). */
    token: z.string().min(16, 'expected at least 16 characters').optional(),
  })
  .strict();

const DEFAULT_AUDIT_RETENTION = 180 * 86400;

const auditSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Events older than this are deleted by the housekeeping loop. */
    retention: duration.default(DEFAULT_AUDIT_RETENTION),
  })
  .strict();

/** An issuer may be plain http only on a loopback host (a provider started by tests or on a developer's machine). */
export function isLoopbackUrl(value: string): boolean {
  try {
    const { hostname } = new URL(value);
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  } catch {
    return false;
  }
}

const providerUrl = z
  .url()
  .refine((value) => value.startsWith('https://') || (value.startsWith('http://') && isLoopbackUrl(value)), 'expected an https URL (plain http only on a loopback host)');

export const OAUTH_PRESETS = ['google', 'microsoft', 'github'] as const;

const oauthProviderSchema = z
  .object({
    /** google, microsoft or github; defaults to the provider's name when it is one of them. */
    preset: z.enum(OAUTH_PRESETS).optional(),
    /** An OpenID Connect issuer, discovered from `<issuer>/.well-known/openid-configuration`. */
    issuer: providerUrl.optional(),
    /** Microsoft Entra ID: the directory (tenant) id whose users may sign in. */
    tenant: z.string().regex(/^[A-Za-z0-9.-]+$/).optional(),
    /** The GitHub preset's endpoints, replaced only to point at a stand-in. */
    endpoints: z.object({ authorization: providerUrl, token: providerUrl, api: providerUrl }).strict().optional(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scopes: z.array(z.string().min(1)).optional(),
    label: z.string().min(1).optional(),
  })
  .strict();

const oauthSchema = z
  .object({
    providers: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'provider names are lower-case identifiers'), oauthProviderSchema).default({}),
    /** The only redirect URIs oauthStart accepts (the SPA's callback pages). */
    redirectUris: z.array(z.url().refine((value) => !/[?#]/.test(value), 'a redirect URI carries no query or fragment')).default([]),
    /** A provider identity nobody has seen before creates a new user. */
    allowSignup: z.boolean().default(true),
    /** Keep the provider's tokens (encrypted) on the linked account; off: they are dropped after the callback. */
    storeTokens: z.boolean().default(false),
  })
  .strict();

/** Prefixed to every authql collection name, so authql can share a database with a host's own collections. */
export const DEFAULT_COLLECTION_PREFIX = 'authql_';
const collectionPrefix = z.string().regex(/^[A-Za-z0-9_]*$/, 'expected letters, digits and underscores');

/** Prepended verbatim to a GraphQL name, so the result is still one: '' or a name's first letters. */
const graphqlNameFragment = z.string().regex(/^(?!__)([A-Za-z_][A-Za-z0-9_]*)?$/, 'expected the start of a GraphQL name: letters, digits and underscores, not starting with a digit or "__"');

const hookNames = [
  'onRegistered', 'onActivated', 'onUpdated', 'onLogin', 'onLogout',
  'onPasswordChanged', 'onUsernameChanged', 'onDeleted',
] as const;
export type HookName = (typeof hookNames)[number];

const hookFn = z.custom<Hook>((v) => typeof v === 'function', 'expected a function');

const optionsSchema = z
  .object({
    // Both required, checked after parsing with the production checks, so that all are reported together.
    mongodb: z
      .union([
        z.object({ uri: z.string().min(1), dbName: z.string().optional(), collectionPrefix: collectionPrefix.default(DEFAULT_COLLECTION_PREFIX) }).strict(),
        z
          .object({
            connection: z.custom<object>((v) => typeof v === 'object' && v !== null, 'expected a mongoose Connection'),
            collectionPrefix: collectionPrefix.default(DEFAULT_COLLECTION_PREFIX),
          })
          .strict(),
        z
          .object({
            client: z.custom<object>((v) => typeof v === 'object' && v !== null, 'expected a MongoClient of the mongodb driver'),
            dbName: z.string().min(1),
            collectionPrefix: collectionPrefix.default(DEFAULT_COLLECTION_PREFIX),
          })
          .strict(),
      ])
      .optional(),
    /** Absent (or empty, as an unset AUTH_SECRET often arrives): a random one in development, an error in production. */
    secret: z.string().optional(),
    loginField: z.enum(['email', 'username']).default('email'),
    userFields: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'user field names must be alphanumeric identifiers'), userFieldSchema)
      .default({})
      .refine((fields) => Object.keys(fields).every((k) => !RESERVED_FIELD_NAMES.has(k)), {
        message: `user field names may not be one of: ${[...RESERVED_FIELD_NAMES].join(', ')}`,
      }),
    sendActivationEmail: z.boolean().default(false),
    sendConfirmationEmail: z.boolean().default(false),
    loginAfterRegistration: z.boolean().default(false),
    loginAfterActivation: z.boolean().default(false),
    userCreatePasswordRetype: z.boolean().default(false),
    setPasswordRetype: z.boolean().default(false),
    passwordResetConfirmRetype: z.boolean().default(false),
    // djoser's username* options (and tokenLifetimes.usernameReset) apply to the login field, email or username.
    setUsernameRetype: z.boolean().default(false),
    usernameResetConfirmRetype: z.boolean().default(false),
    logoutOnPasswordChange: z.boolean().default(false),
    passwordChangedEmailConfirmation: z.boolean().default(false),
    usernameChangedEmailConfirmation: z.boolean().default(false),
    passwordResetShowEmailNotFound: z.boolean().default(false),
    usernameResetShowEmailNotFound: z.boolean().default(false),
    hideUsers: z.boolean().default(true),
    frontend: frontendSchema.prefault({}),
    activationUrl: z.string().default('#/activate/{uid}/{token}'),
    passwordResetConfirmUrl: z.string().default('#/password/reset/confirm/{uid}/{token}'),
    usernameResetConfirmUrl: z.string().default('#/username/reset/confirm/{uid}/{token}'),
    /** A new email address is only pending until confirmed from a link sent to it. */
    emailChangeConfirmation: z.boolean().default(true),
    emailChangeConfirmUrl: z.string().default('#/email/change/confirm/{uid}/{token}'),
    /** The SPA page of a sign-in link: it shows a "Sign in" button that calls loginWithLink (a mail scanner's GET spends nothing). */
    loginLinkUrl: z.string().default('#/login/link/{uid}/{token}'),
    /** Sign-in by a code (and link) sent by email: requestLoginCode, loginWithCode, loginWithLink. */
    passwordless: z
      .object({
        enabled: z.boolean().default(false),
        /** An address nobody has gets a code too; the account is created when the code is used. */
        allowSignup: z.boolean().default(false),
        codeLength: z.number().int().min(6).max(10).default(6),
      })
      .strict()
      .prefault({}),
    tokenLifetimes: z
      .object({
        activation: duration.default(3 * 86400),
        passwordReset: duration.default(3600),
        usernameReset: duration.default(3600),
        emailChange: duration.default(86400),
        /** A sign-in code and its link (passwordless). */
        loginCode: duration.default(600),
      })
      .strict()
      .prefault({}),
    session: z
      .object({
        lifetime: duration.default(30 * 86400),
        sliding: z.boolean().default(true),
        /** Sliding renewal never extends a session past its creation plus this. */
        absoluteLifetime: duration.default(90 * 86400),
        /** How long after its last full sign-in or re-authentication a session may change how one signs in. */
        freshAge: duration.default(600),
      })
      .strict()
      .prefault({}),
    jwt: z
      .object({
        accessLifetime: duration.default(300),
        refreshLifetime: duration.default(86400),
        rotate: z.boolean().default(true),
        reuseGrace: durationOrZero.default(10),
        /** A refresh-token family stops rotating this long after its jwtCreate. */
        familyLifetime: duration.default(30 * 86400),
        /** EdDSA/RS256 keys: the first signs, all verify, all are published at /.well-known/jwks.json. Absent: HS256 with the secret. */
        keys: z.array(jwtKeySchema).min(1).optional(),
        issuer: z.string().min(1).default('authql'),
        audience: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    /**
     * Each instance remembers who holds a credential for `ttl` seconds (0: off), at most `max`
     * credentials: a logout or a change on another instance takes effect there within `ttl`.
     */
    authCache: z
      .object({ ttl: durationOrZero.default(2), max: z.number().int().min(1).default(10_000) })
      .strict()
      .prefault({}),
    oauth: oauthSchema.prefault({}),
    /**
     * Read the client IP from X-Forwarded-For: true = one proxy in front, a number of proxies, or
     * the proxies' addresses, CIDRs and names (loopback, linklocal, uniquelocal).
     */
    trustProxy: trustProxySchema.optional(),
    /** `false` turns the request limits off (the per-recipient email cap is email.perRecipientPerHour). */
    rateLimits: z.union([z.literal(false), rateLimitsSchema]).prefault({}),
    /** Required with hideUsers: false in production, so that listing every user is a decision. */
    allowUserListing: z.boolean().default(false),
    introspection: z.boolean().optional(),
    /** Build an Apollo Federation 2 subgraph: User becomes an entity with @key(fields: "id"). */
    federation: z.boolean().default(false),
    /** Names in a host's schema: typePrefix goes before every type authql defines, rootFieldPrefix before every root field. */
    schema: z.object({ typePrefix: graphqlNameFragment.default(''), rootFieldPrefix: graphqlNameFragment.default('') }).strict().prefault({}),
    limits: z
      .object({
        maxDepth: z.number().int().min(1).default(12),
        maxAliases: z.number().int().min(0).default(15),
        maxDirectives: z.number().int().min(0).default(10),
        maxTokens: z.number().int().min(10).default(2000),
        maxCost: z.number().int().min(1).default(5000),
        maxBodyBytes: z.number().int().min(1024).default(100_000),
      })
      .strict()
      .prefault({}),
    cookies: z
      .object({
        enabled: z.boolean().default(false),
        name: z.string().regex(/^[A-Za-z0-9_-]+$/).default('authql_session'),
        /** Default: Secure, except over plain http on a loopback host in development. */
        secure: z.boolean().optional(),
        sameSite: z.enum(['lax', 'strict', 'none']).default('lax'),
        domain: z.string().min(1).optional(),
        path: z.string().startsWith('/').default('/'),
      })
      .strict()
      .prefault({}),
    cors: z
      .object({
        /** Origins allowed to call with credentials (e.g. 'https://app.example.com'). */
        origins: z.array(z.string().regex(/^https?:\/\/[^/]+$/, 'expected an origin like https://app.example.com')).default([]),
      })
      .strict()
      .prefault({}),
    passwordHashing: z
      .object({
        type: z.literal('argon2id').default('argon2id'),
        memoryCost: z.number().int().min(1024).default(19456),
        timeCost: z.number().int().min(1).default(2),
        parallelism: z.number().int().min(1).default(1),
      })
      .strict()
      .prefault({}),
    passwordValidators: passwordValidatorsSchema.prefault({}),
    messages: messagesSchema.default({}),
    hooks: z
      .object({
        ...(Object.fromEntries(hookNames.map((n) => [n, hookFn.optional()])) as Record<HookName, z.ZodOptional<typeof hookFn>>),
        /** May refuse a registration: return a message (or { field, message }) and the client gets a ValidationError. */
        beforeRegister: z.custom<BeforeRegisterHook>((v) => typeof v === 'function', 'expected a function').optional(),
      })
      .strict()
      .default({}),
    email: emailSchema.prefault({}),
    twoFactor: z
      .object({
        /** The issuer an authenticator app shows next to the code; defaults to frontend.siteName. */
        issuer: z.string().min(1).optional(),
        /** Staff without a second factor may sign in, but not manage users. */
        requiredForStaff: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    webauthn: z
      .object({
        /** The passkeys' relying party: defaults to the frontend's host name. */
        rpId: z.string().min(1).optional(),
        /** Shown by the browser when creating a passkey; defaults to frontend.siteName. */
        rpName: z.string().min(1).optional(),
        /** Pages allowed to use the passkeys; defaults to the frontend's origin. */
        origins: z.array(z.string().regex(/^https?:\/\/[^/]+$/, 'expected an origin like https://app.example.com')).min(1).optional(),
        /** Whether the authenticator must verify the user (PIN, biometrics); only a verified passkey login stands for both factors. */
        userVerification: z.enum(['required', 'preferred', 'discouraged']).default('required'),
      })
      .strict()
      .prefault({}),
    graphiql: z.boolean().optional(),
    /** Where the server listens; used for the development defaults of `frontend`. */
    server: z.object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(4000) }).strict().prefault({}),
    /** Prometheus metrics: off by default; `port` serves them on a port of their own instead of the API's. */
    metrics: metricsSchema.prefault({}),
    /** The audit log of security events (`false` turns it off). */
    audit: z.union([z.literal(false), auditSchema]).prefault({}),
    production: z.boolean().optional(),
    /** The clock every expiry is measured with; tests drive time through it. */
    clock: z.custom<() => Date>((v) => typeof v === 'function', 'expected a function returning a Date').optional(),
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null && typeof (v as Logger).info === 'function', 'expected a logger with info/warn/error').optional(),
  })
  .strict();

type ParsedInput = z.input<typeof optionsSchema>;
/** `mongodb` is required (parsed as optional only so that its absence is reported with every other failed check). */
export type AuthOptions = Omit<ParsedInput, 'mongodb'> & { mongodb: NonNullable<ParsedInput['mongodb']> };
export type { BeforeRegisterHook, Hook, Logger };

type Parsed = z.output<typeof optionsSchema>;

export interface AuthConfig extends Omit<Parsed, 'mongodb' | 'secret' | 'frontend' | 'logger' | 'production' | 'graphiql' | 'introspection' | 'trustProxy' | 'email' | 'audit' | 'twoFactor' | 'webauthn'> {
  mongodb: NonNullable<Parsed['mongodb']>;
  secret: string;
  /** The frontend is the server itself (development, no frontend.domain given): it serves the page its emailed links open. */
  servesLinkPage: boolean;
  email: Parsed['email'] & { from: string };
  audit: { enabled: boolean; retention: number };
  /** Proxies in front whose X-Forwarded-For is believed (false: none; a count; their addresses, CIDRs and names); decides the client address everywhere. */
  trustProxy: boolean | number | string[];
  frontend: { domain: string; protocol: 'http' | 'https'; siteName: string };
  twoFactor: { issuer: string; requiredForStaff: boolean };
  webauthn: { rpId: string; rpName: string; origins: string[]; userVerification: 'required' | 'preferred' | 'discouraged' };
  production: boolean;
  graphiql: boolean;
  introspection: boolean;
  logger: Logger;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const prefix = path ? `${path}.` : '';
    return `unknown option ${issue.keys.map((k) => `"${prefix}${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_union') {
    // The alternative of the right type (rateLimits: an object, not false) says what is wrong inside it.
    const closest = issue.errors.find((branch) => branch.some((inner) => inner.path.length > 0));
    if (closest) return closest.map((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] })).join('; ');
  }
  return `option "${path || '(root)'}": ${issue.message}`;
}

const MISSING_MONGODB = 'no database: set MONGODB_URI, or option "mongodb" ({ uri } or a mongoose { connection })';
const MISSING_SECRET = 'no secret: set AUTH_SECRET, or option "secret" (32 random bytes or more, e.g. `openssl rand -base64 32`)';
// Sessions themselves are random tokens stored by digest: what a restart breaks is all that is signed or sealed with the secret.
const RANDOM_SECRET_WARNING =
  'AUTH_SECRET is not set (nor option "secret"): using a random secret for this process only. When it restarts, JWTs, ' +
  'emailed links and sign-in codes stop working, and second-factor (TOTP) secrets can no longer be read; ' +
  'set AUTH_SECRET (32 random bytes or more) to keep them';

/** What a deployment must have: every check that fails is listed in one error, never one per restart. */
function checkRequired(parsed: Parsed, production: boolean): void {
  const problems: string[] = [];
  if (!parsed.mongodb) problems.push(MISSING_MONGODB);
  if (production) problems.push(...productionProblems(parsed));
  if (!problems.length) return;
  const listed = problems.length > 1 ? `${problems.length} checks failed: ${problems.map((p, i) => `(${i + 1}) ${p}`).join('; ')}` : problems[0];
  throw new ConfigError(`authql: ${production ? 'in production, ' : ''}${listed}`);
}

/** Production refuses what is only fine on a developer's machine. */
function productionProblems(parsed: Parsed): string[] {
  const problems: string[] = [];
  if (!parsed.secret) problems.push(MISSING_SECRET);
  else if (Buffer.byteLength(parsed.secret) < 32) problems.push('the secret (AUTH_SECRET) must be at least 32 bytes');
  if (parsed.email.transport === undefined) {
    problems.push('no email transport: set SMTP_URL or option "email.transport" (the console mailer is for development only)');
  }
  if (!parsed.frontend.domain || !parsed.frontend.siteName) {
    problems.push('option "frontend.domain" and "frontend.siteName" are required (they go into every email link)');
  }
  if (!parsed.hideUsers && !parsed.allowUserListing) {
    problems.push('hideUsers: false lets every user list all users; confirm it with allowUserListing: true');
  }
  if (parsed.metrics.enabled && parsed.metrics.port === undefined && !parsed.metrics.token) {
    problems.push('metrics on the public port need option "metrics.token" (the scraper sends it as a Bearer token), or a port of their own in "metrics.port"');
  }
  return problems;
}

export function parseConfig(options: unknown): AuthConfig {
  const result = optionsSchema.safeParse(options);
  if (!result.success) {
    throw new ConfigError(`authql: invalid options: ${result.error.issues.map(describeIssue).join('; ')}`);
  }
  const parsed = result.data;
  const production = parsed.production ?? process.env.NODE_ENV === 'production';
  checkRequired(parsed, production);
  const logger = parsed.logger ?? createConsoleLogger(production);
  let secret = parsed.secret;
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    logger.warn(RANDOM_SECRET_WARNING);
  }
  const devDomain = `${parsed.server.host === '0.0.0.0' ? '127.0.0.1' : parsed.server.host}:${parsed.server.port}`;
  const frontend = {
    domain: parsed.frontend.domain ?? devDomain,
    protocol: parsed.frontend.protocol ?? (production ? 'https' : parsed.frontend.domain ? 'https' : 'http'),
    siteName: parsed.frontend.siteName ?? 'authql',
  } as const;
  return {
    ...parsed,
    mongodb: parsed.mongodb!,
    secret,
    servesLinkPage: !production && !parsed.frontend.domain,
    production,
    audit: parsed.audit === false ? { enabled: false, retention: DEFAULT_AUDIT_RETENTION } : parsed.audit,
    trustProxy: parsed.trustProxy ?? (parsed.rateLimits ? parsed.rateLimits.trustProxy : undefined) ?? false,
    graphiql: parsed.graphiql ?? !production,
    // GraphiQL needs introspection; both are off in production unless asked for.
    introspection: parsed.introspection ?? (parsed.graphiql ?? !production),
    logger,
    frontend,
    twoFactor: { issuer: parsed.twoFactor.issuer ?? frontend.siteName, requiredForStaff: parsed.twoFactor.requiredForStaff },
    webauthn: {
      rpId: parsed.webauthn.rpId ?? new URL(`${frontend.protocol}://${frontend.domain}`).hostname,
      rpName: parsed.webauthn.rpName ?? frontend.siteName,
      origins: parsed.webauthn.origins ?? [`${frontend.protocol}://${frontend.domain}`],
      userVerification: parsed.webauthn.userVerification,
    },
    email: { ...parsed.email, from: parsed.email.from ?? `${frontend.siteName} <no-reply@${frontend.domain.replace(/:\d+$/, '')}>` },
  };
}

/** The login field's names in the API (`setEmail`/`setUsername`, `newEmail`/`newUsername`). */
export function loginFieldLabel(config: Pick<AuthConfig, 'loginField'>): 'Email' | 'Username' {
  return config.loginField === 'email' ? 'Email' : 'Username';
}
