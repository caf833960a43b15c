// `authql serve --workers N`: the primary process forks N servers that share the port
// (node:cluster hands each new connection to the next worker). The primary finds the
// database and the secret once, so every worker uses the same; only worker 1 delivers
// email and cleans up; SIGTERM, SIGINT or SIGHUP stops the workers gracefully, then the primary.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from '../config';

/** What a worker tells the primary once it listens. */
export interface ServingMessage {
  authql: 'serving';
  url: string;
  note: string;
}

/** The environment variable that tells a worker its number (1..N). */
export const WORKER_NUMBER_ENV = 'AUTHQL_WORKER_NUMBER';

/** The signals that stop a server, a worker or the mail worker gracefully: in-flight requests and the email being sent finish first (SPEC §15). */
export const DRAINING_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** `--workers`: a count, or `auto` for one per CPU; null when the value is neither. */
export function parseWorkerCount(value: string | undefined): number | null {
  if (value === undefined) return 1;
  if (value === 'auto') return availableParallelism();
  return /^[1-9]\d{0,2}$/.test(value) ? Number(value) : null;
}

/** In a worker: its number, 1 when not forked by `--workers`. */
export function workerNumber(): number {
  return cluster.isWorker ? Number(process.env[WORKER_NUMBER_ENV]) || 1 : 1;
}

/** In a worker: tells the primary where it serves. */
export function reportServing(url: string, note: string): void {
  const message: ServingMessage = { authql: 'serving', url, note };
  process.send?.(message);
}

/** A worker that dies this soon after starting is failing to start, not crashing: stop everything. */
const STARTUP_GRACE_MS = 10_000;

/**
 * Forks `count` workers with `env` added to theirs and keeps them running; a worker that
 * crashes after it served is replaced. Resolves with the exit code once all have stopped
 * (after SIGTERM/SIGINT: 0; after a worker failed to start: that worker's code).
 */
export function runWorkers(count: number, env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  return new Promise((resolve) => {
    const running = new Map<Worker, { number: number; startedAt: number; serving: boolean }>();
    let stopping = false;
    let exitCode = 0;
    let reported = 0;

    const fork = (number: number) => {
      const worker = cluster.fork({
        ...env,
        [WORKER_NUMBER_ENV]: String(number),
        // glibc would keep each freed 19 MiB argon2 block in its thread's arena for good.
        MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
      });
      running.set(worker, { number, startedAt: Date.now(), serving: false });
      worker.on('message', (message: ServingMessage) => {
        const state = running.get(worker);
        if (message?.authql !== 'serving' || !state || state.serving) return;
        state.serving = true;
        reported += 1;
        if (reported === count) logger.info(`serving ${message.url} with ${count} workers${message.note}`);
      });
    };

    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      if (signal) logger.info(`${signal}: shutting down ${running.size} workers`);
      for (const worker of running.keys()) worker.process.kill('SIGTERM');
      const force = setTimeout(() => {
        for (const worker of running.keys()) worker.process.kill('SIGKILL');
      }, 15_000);
      force.unref();
    };

    cluster.on('exit', (worker, code, signal) => {
      const state = running.get(worker);
      running.delete(worker);
      if (!state) return;
      if (!stopping) {
        const failedToStart = !state.serving || Date.now() - state.startedAt < STARTUP_GRACE_MS;
        logger.warn(`worker ${state.number} exited (${signal ?? `code ${code}`})${failedToStart ? '; stopping' : '; starting another'}`);
        if (failedToStart) {
          exitCode = code || 1;
          stop('');
        } else {
          fork(state.number);
        }
      }
      if (stopping && running.size === 0) resolve(exitCode);
    });

    for (const signal of DRAINING_SIGNALS) process.on(signal, () => stop(signal));
    for (let number = 1; number <= count; number += 1) fork(number);
  });
}
