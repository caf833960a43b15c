// The processes a bench drives: a compiled build of authql, servers started from it (and the
// bare Yoga baseline), their memory and CPU time, and the argon2 limit of the machine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/cli/embedded-db';

export const ROOT = path.resolve(__dirname, '..');

/** `npm run build`: the package as it is installed and run (`node bin/authql.js`), without tsx. */
export function build(): void {
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build failed');
}

export interface Server {
  name: string;
  url: string;
  process: ChildProcess;
  /** What the process wrote to stderr (kept for failures). */
  stderr(): string;
  stop(): Promise<void>;
}

/** POSTs a GraphQL operation; answers the status and the parsed body. */
export async function post(url: string, query: string, variables?: Record<string, unknown>, authorization?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

async function until<T>(what: string, deadlineMs: number, attempt: () => Promise<T | undefined>, child: ChildProcess, stderr: () => string): Promise<T> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what}: the process exited with code ${child.exitCode}\n${stderr()}`);
    const answer = await attempt().catch(() => undefined);
    if (answer !== undefined) return answer;
    if (performance.now() > deadline) throw new Error(`${what}: no answer within ${deadlineMs} ms\n${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Starts `node <args>` on a free port and waits until `probe` answers through it; answers
 * the server and how long that took (from spawning to the first answer).
 */
export async function startServer(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  probe: (url: string) => Promise<boolean>,
): Promise<{ server: Server; startMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  // The request log is read and dropped, as a log shipper would.
  child.stdout!.resume();
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}/graphql`;
  await until(`${name} start`, 60_000, async () => ((await probe(url)) ? true : undefined), child, () => stderr);
  const startMs = performance.now() - started;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    startMs,
    server: {
      name,
      url,
      process: child,
      stderr: () => stderr,
      async stop() {
        if (child.exitCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      },
    },
  };
}

/** The process and, for `--workers`, its children. */
export function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...children.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

/** Resident memory of one process, in MB. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) of the processes, in milliseconds. */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** argon2id hashes per second over the thread pool, measured in a process of its own. */
export function argon2Limit(params: { memoryCost: number; timeCost: number; parallelism: number }, concurrency: number, seconds: number): number {
  const result = spawnSync(
    process.execPath,
    [path.join(__dirname, 'argon2-limit.js'), String(params.memoryCost), String(params.timeCost), String(params.parallelism), String(concurrency), String(seconds)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`argon2-limit failed: ${result.stderr}`);
  return JSON.parse(result.stdout).perSecond;
}
