// HTTP/1.1 over a plain socket: every header and byte exactly as an attacker would send it
// (fetch would refuse a malformed Host or header, and fix up what it sends).
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Map<string, string>;
  text: string;
}

/**
 * Sends the bytes as they are and reads the answer until the server closes the connection
 * (every request says `connection: close`). The socket stays open for writing: node's server
 * drops a request whose client half-closed before the answer was ready.
 */
export function sendRaw(url: string, request: string | Buffer, timeoutMs = 15_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      let text = raw.slice(split + 4);
      if (headers.get('transfer-encoding') === 'chunked') text = unchunk(text);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text });
    });
  });
}

function unchunk(body: string): string {
  let out = '';
  for (let at = 0; ; ) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.slice(at, lineEnd), 16);
    if (!size) return out;
    out += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

/** One HTTP/1.1 request; `host` and every header are sent exactly as given. */
export function http(method: string, target: string, headers: Record<string, string> = {}, body = ''): string {
  const all = { host: '127.0.0.1', accept: 'application/json', connection: 'close', ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers };
  return `${method} ${target} HTTP/1.1\r\n${Object.entries(all).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`;
}

/** What an answer must never show a client: a stack frame, a source path, a database's own error text. */
export const LEAK = /\bat .*:\d+:\d+|\bat (async )?[\w$.<>]+ \(|node_modules|node:internal|"stack"|\/work\/|MongoServerError|MongoError|E11000|Mongoose|ValidationError: .* validation failed/;

/** One HTTP/1.1 request with a body of any bytes (UTF-16, invalid UTF-8, …). */
export function httpBytes(method: string, target: string, headers: Record<string, string>, body: Buffer): Buffer {
  const all = { host: '127.0.0.1', accept: 'application/json', connection: 'close', 'content-length': String(body.length), ...headers };
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(all).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
