// A logger that keeps every line, as a host's logger would receive it.

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger() {
  const lines: LoggedLine[] = [];
  const record = (level: LoggedLine['level']) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, logger: { info: record('info'), warn: record('warn'), error: record('error') } };
}
