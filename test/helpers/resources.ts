// What a describe block (or file) starts and must stop: each start/stop pair is one line.
// `withResource(what, start, stop)` starts one thing in beforeAll and stops it in afterAll (the
// resources of a block in the reverse order of their starts);
// `withCleanup()` keeps what a block starts (in hooks or tests) and stops it all in one
// afterAll, the last started first, so a resource that uses another is stopped before it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Stop = () => Promise<unknown> | unknown;

/** A stack of clean-ups, run newest first; each one runs even when another fails. */
export function cleanupStack() {
  const steps: Stop[] = [];
  return {
    push(step: Stop) {
      steps.push(step);
    },
    async run() {
      const failures: unknown[] = [];
      while (steps.length) {
        try {
          await steps.pop()!();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length) throw failures[0];
    },
  };
}

export type CleanupStack = ReturnType<typeof cleanupStack>;

export interface Cleanup extends CleanupStack {
  /** Keeps `stop(resource)` for afterAll and answers the resource, so a start and its stop are one line. */
  add<T>(resource: T, stop: (resource: T) => Promise<unknown> | unknown): T;
}

/** A clean-up stack for the enclosing describe block (or file), run in its afterAll, newest first. */
export function withCleanup(): Cleanup {
  const stack = cleanupStack();
  afterAll(() => stack.run());
  return {
    ...stack,
    add(resource, stop) {
      stack.push(() => stop(resource));
      return resource;
    },
  };
}

/**
 * The resources withResource started and has not stopped yet, oldest first (this test file's:
 * jest gives each file its own modules). When a block's first afterAll runs, the resources of
 * inner blocks are stopped and later blocks have not started, so what was started after one of
 * its resources is the block's own.
 */
const running: { stop: Stop }[] = [];

/** Stops `entry` and, first, every resource started after it, newest first; each stop runs even when another fails. */
async function stopSince(entry: { stop: Stop }): Promise<void> {
  const index = running.indexOf(entry);
  if (index < 0) return; // stopped already, with one started before it
  const stack = cleanupStack();
  for (const started of running.splice(index)) stack.push(started.stop);
  await stack.run();
}

/**
 * One resource for the enclosing describe block (or file): `start` runs in beforeAll, `stop` in
 * afterAll (only if it started). The resources of one block stop in the reverse order of their
 * starts, whatever the order of their hooks: a server given an SMTP server, a page or a provider
 * declared before it is closed before them. The handle stands for the resource once it runs (see
 * runningHandle).
 */
export function withResource<T extends object>(what: string, start: () => Promise<T> | T, stop: (resource: T) => Promise<unknown> | unknown, timeout?: number): T {
  let resource: T | undefined;
  let entry: { stop: Stop } | undefined;
  beforeAll(async () => {
    const started = await start();
    resource = started;
    entry = {
      stop: async () => {
        resource = undefined;
        await stop(started);
      },
    };
    running.push(entry);
  }, timeout);
  afterAll(async () => {
    if (entry) await stopSince(entry);
    entry = undefined;
  });
  return runningHandle<T>(what, () => resource);
}

/**
 * A temporary directory for the enclosing describe block (or file): made at once (its path is
 * known while the tests are collected), removed with what is in it in afterAll.
 */
export function withTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An object that stands for what `current()` answers when used, and says so when it is not there yet. */
export function runningHandle<T extends object>(what: string, current: () => T | undefined): T {
  const target = (): T => {
    const value = current();
    if (!value) throw new Error(`${what} is not running here: use it inside a test or a hook (it starts in beforeAll)`);
    return value;
  };
  return new Proxy({} as T, {
    get(_, key) {
      // Never a thenable: `await handle` and jest's matchers must not start anything.
      if (key === 'then') return undefined;
      const value = Reflect.get(target(), key);
      return typeof value === 'function' ? value.bind(target()) : value;
    },
    set(_, key, value) {
      return Reflect.set(target(), key, value);
    },
    has(_, key) {
      return Reflect.has(target(), key);
    },
    ownKeys() {
      return Reflect.ownKeys(target());
    },
    getOwnPropertyDescriptor(_, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
