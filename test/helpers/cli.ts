// `authql <command>` as a child process, each in its own process group so that a test (or
// afterAll, when a test failed half-way) can stop tsx, node and whatever they started together.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliProcess {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  hasExited(): boolean;
}

const started: CliProcess[] = [];

/** The environment of a development machine: nothing of the test run's database, secret, SMTP or NODE_ENV leaks in. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['MONGODB_URI', 'AUTHQL_TEST_MONGODB_URI', 'AUTH_SECRET', 'SMTP_URL', 'EMAIL_FROM', 'NODE_ENV', 'HOST', 'PORT']) delete env[name];
  return { ...env, ...extra };
}

/** Starts `authql <args>`; with `input`, that text goes to its standard input (otherwise it has none). */
export function startCli(args: string[], env: NodeJS.ProcessEnv, options: { input?: string } = {}): CliProcess {
  return startProcess(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), ...args], env, options);
}

/** Starts any command the way startCli does (own process group, output kept, stopped by stopAllCli). */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, options: { input?: string; cwd?: string } = {}): CliProcess {
  const stdin = options.input === undefined ? 'ignore' : 'pipe';
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env, stdio: [stdin, 'pipe', 'pipe'], detached: true });
  if (options.input !== undefined) {
    child.stdin!.on('error', () => undefined); // a command that never reads its input
    child.stdin!.end(options.input);
  }
  let stdout = '';
  let stderr = '';
  let exitedFlag = false;
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      resolve({ code, signal });
    }),
  );
  const cli: CliProcess = { process: child, stdout: () => stdout, stderr: () => stderr, exited, hasExited: () => exitedFlag };
  started.push(cli);
  return cli;
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal to the child's whole process group (tsx, node, anything they started). */
export function signalGroup(cli: CliProcess, signal: NodeJS.Signals): void {
  const pgid = cli.process.pid;
  if (pgid && groupAlive(pgid)) process.kill(-pgid, signal);
}

/** Waits until the process group is gone (SIGKILL leaves no exit handler to wait for). */
export async function waitForGroupGone(cli: CliProcess, timeoutMs = 10_000): Promise<void> {
  const pgid = cli.process.pid!;
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) throw new Error(`process group ${pgid} still alive after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** For afterAll: stops every child this file started that is still running, politely first. */
export async function stopAllCli(): Promise<void> {
  for (const cli of started.splice(0)) {
    const pgid = cli.process.pid;
    if (!pgid || !groupAlive(pgid)) continue;
    process.kill(-pgid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  }
}

/** Runs a command to its end (killing its process group if it overruns the deadline). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Exit & { stdout: string; stderr: string }> {
  const cli = startCli(args, env);
  const exit = await withDeadline(cli.exited, timeoutMs, `authql ${args.join(' ')}`).catch((error) => {
    signalGroup(cli, 'SIGKILL');
    throw error;
  });
  return { ...exit, stdout: cli.stdout(), stderr: cli.stderr() };
}

export async function waitFor<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs: number, cli?: CliProcess): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (cli?.hasExited()) throw new Error(`the process exited while waiting for ${what}\nstdout:\n${cli.stdout()}\nstderr:\n${cli.stderr()}`);
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cli ? `\nstdout:\n${cli.stdout()}\nstderr:\n${cli.stderr()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]);
}
