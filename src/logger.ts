// The default logger: lines on standard output, batched. A leaf (it imports nothing of authql),
// so config.ts can default to it and the CLI can log before any config exists.
import { writeSync } from 'node:fs';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Standard output, written once per turn of the event loop instead of once per line: under
 * load the request log costs one write for many requests. Lines left at exit are written then.
 */
const stdoutLines = (() => {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const lines = pending;
    pending = '';
    process.stdout.write(lines);
  };
  process.on('exit', () => {
    try {
      if (pending) writeSync(1, pending);
    } catch {
      // standard output is gone
    }
  });
  return {
    write(line: string): void {
      pending += `${line}\n`;
      if (pending.length > 65_536) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush).unref();
      }
    },
    flush,
  };
})();

/** Readable lines in development, one JSON object per line in production. */
export function createConsoleLogger(json: boolean): Logger {
  const format = (level: string, message: string, fields?: Record<string, unknown>) =>
    json
      ? JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })
      : fields && Object.keys(fields).length
        ? `[authql] ${message} ${JSON.stringify(fields)}`
        : `[authql] ${message}`;
  return {
    info: (message, fields) => stdoutLines.write(format('info', message, fields)),
    // Warnings and errors go out at once, after the lines logged before them.
    warn: (message, fields) => {
      stdoutLines.flush();
      console.warn(format('warn', message, fields));
    },
    error: (message, fields) => {
      stdoutLines.flush();
      console.error(format('error', message, fields));
    },
  };
}

export const consoleLogger: Logger = createConsoleLogger(process.env.NODE_ENV === 'production');
