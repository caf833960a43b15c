// Why a database could not be opened, in one paragraph that says what to do. The driver's own
// errors read alike ("Server selection timed out", "MongoDB is unavailable"); the cause hides in
// the error's chain, in the topology's per-server errors, or in the URI itself.
import { DatabaseConnectionError, type DatabaseFailureReason } from '../errors';

const TROUBLESHOOTING = 'docs/operations.md#the-database-connection';

/** The URI with the password replaced by ***, fit for a log line or an error message. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon === -1 ? userinfo : `${userinfo.slice(0, colon)}:***`}@`;
  });
}

interface UriParts {
  scheme: string | null;
  user: string | null;
  password: string | null;
  /** host:port of each server the URI names (27017 when it gives no port). */
  hosts: string[];
}

function uriParts(uri: string): UriParts {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?([^/?#]*)/i.exec(uri.trim());
  if (!match) return { scheme: null, user: null, password: null, hosts: [] };
  const [, scheme, userinfo, hostList] = match;
  const colon = userinfo?.indexOf(':') ?? -1;
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  return {
    scheme: scheme.toLowerCase(),
    user: userinfo === undefined ? null : decode(colon === -1 ? userinfo : userinfo.slice(0, colon)),
    password: colon === -1 || userinfo === undefined ? null : userinfo.slice(colon + 1),
    hosts: hostList
      .split(',')
      .filter(Boolean)
      .map((host) => (/:\d*$/.test(host) || scheme.toLowerCase() === 'mongodb+srv' ? host : `${host}:27017`)),
  };
}

/** Every error in the chain: causes, and the last error of each server the driver tried. */
function errorsIn(error: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== 'object' || value === null || depth > 6 || found.includes(value as Record<string, unknown>)) return;
    const record = value as Record<string, unknown>;
    found.push(record);
    visit(record.cause, depth + 1);
    const servers = (record.reason as { servers?: unknown } | undefined)?.servers;
    if (servers instanceof Map) for (const server of servers.values()) visit((server as { error?: unknown }).error, depth + 1);
  };
  visit(error, 0);
  return found;
}

/** What the driver said about the URI, named as the part that is wrong. */
function malformedPart(message: string, parts: UriParts): string {
  if (/password contains unescaped/i.test(message)) return 'the password has characters that must be percent-encoded (: / ? # [ ] @ and %)';
  if (/username contains unescaped/i.test(message)) return 'the user name has characters that must be percent-encoded (: / ? # [ ] @ and %)';
  if (/protocol and host list are required/i.test(message) || (parts.scheme && !parts.hosts.length)) return 'it names no host';
  const host = /unable to parse (\S+)/i.exec(message)?.[1] ?? /invalid port/i.exec(message)?.[0];
  if (host) return `the host and port "${host}" do not parse (a port is a number from 1 to 65535)`;
  const option = /option (\S+) is not supported/i.exec(message)?.[1];
  if (option) return `"${option}" in its query string is not a MongoDB connection option`;
  return message;
}

function failure(reason: DatabaseFailureReason, message: string, cause: unknown): DatabaseConnectionError {
  return new DatabaseConnectionError(reason, `authql: ${message}`, { cause });
}

/** The error createAuth rejects with when the database at `uri` could not be opened within `timeoutMs`. */
export function connectionFailure(uri: string, error: unknown, timeoutMs: number): DatabaseConnectionError {
  const parts = uriParts(uri);
  const shown = redactUri(uri);
  // The driver's messages never hold the URI, but say so for certain before one is quoted.
  const hide = (text: string) => (parts.password ? text.split(parts.password).join('***') : text);
  const errors = errorsIn(error);
  const names = new Set(errors.map((e) => String(e.name)));
  const codeOf = (e: Record<string, unknown>) => String(e.code ?? '');
  const messages = errors.map((e) => hide(String(e.message ?? '')));

  if (parts.scheme === null || (parts.scheme !== 'mongodb' && parts.scheme !== 'mongodb+srv')) {
    if (parts.scheme === null) {
      return failure('malformed-uri', `the database URI "${shown}" is malformed: it must start with mongodb:// or mongodb+srv:// (mongodb://host:27017/database).`, error);
    }
    const postgres = /^postgres(ql)?$/.test(parts.scheme);
    return failure(
      'wrong-scheme',
      `the database URI ${shown} is a${postgres ? ' PostgreSQL' : ` "${parts.scheme}://"`} URI, and authql needs a MongoDB-wire server: MongoDB or FerretDB` +
        `${postgres ? '; for PostgreSQL run FerretDB in front of it and give FerretDB\'s mongodb:// URI' : ' (a mongodb:// or mongodb+srv:// URI)'}. See ${TROUBLESHOOTING}.`,
      error,
    );
  }
  if (names.has('MongoParseError') || names.has('MongoInvalidArgumentError') || (names.has('MongoRuntimeError') && /unable to parse/i.test(messages.join(' ')))) {
    const message = messages.find((m) => m) ?? 'it does not parse';
    return failure('malformed-uri', `the database URI ${shown} is malformed: ${malformedPart(message, parts)}.`, error);
  }
  const at = parts.hosts.join(',') || 'the host in the URI';
  const authFailure = errors.find((e) => codeOf(e) === '18' || e.codeName === 'AuthenticationFailed' || String(e.name) === 'MongoMissingCredentialsError');
  if (authFailure) {
    return failure(
      'authentication-failed',
      `the database at ${at} refused the credentials${parts.user ? ` of user "${parts.user}"` : ''} (authentication failed). ` +
        `Check the user name and password in the URI ${shown}, and authSource= when the user belongs to another database.`,
      error,
    );
  }
  if (errors.some((e) => codeOf(e) === '13' || e.codeName === 'Unauthorized')) {
    return failure(
      'authentication-failed',
      parts.user
        ? `the database at ${at} does not let user "${parts.user}" list its collections (not authorized): grant the user readWrite on the database. (URI ${shown})`
        : `the database at ${at} requires authentication: put a user name and password in the URI (mongodb://user:password@host/database). (URI ${shown})`,
      error,
    );
  }
  const dns = errors.find((e) => ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENODATA'].includes(codeOf(e)));
  if (dns) {
    const host = String(dns.hostname ?? '').replace(/^_mongodb\._tcp\./, '') || parts.hosts[0]?.replace(/:\d+$/, '') || at;
    const lookup = codeOf(dns) === 'EAI_AGAIN' ? 'could not be looked up: DNS did not answer' : 'was not found in DNS';
    return failure('unknown-host', `cannot connect to the database: the host name "${host}" ${lookup}. Check the host in the URI ${shown}.`, error);
  }
  const refused = errors.find((e) => codeOf(e) === 'ECONNREFUSED');
  if (refused) {
    const where = refused.address && refused.port ? `${refused.address}:${refused.port}` : at;
    return failure('refused', `cannot connect to the database at ${where}: the connection was refused. Is the server running, and listening on that port? (URI ${shown})`, error);
  }
  if (names.has('MongoServerSelectionError') || names.has('MongooseServerSelectionError') || names.has('MongoNetworkTimeoutError') || errors.some((e) => codeOf(e) === 'ETIMEDOUT')) {
    return failure(
      'timeout',
      `the database at ${at} did not answer within ${timeoutMs / 1000} s (timeout). Is a MongoDB or FerretDB server listening there, ` +
        `not another kind of server, and is no firewall dropping the connection? (URI ${shown})`,
      error,
    );
  }
  return failure('unavailable', `cannot connect to the database at ${at}: ${messages.find((m) => m) ?? 'no reason given'} (URI ${shown})`, error);
}
