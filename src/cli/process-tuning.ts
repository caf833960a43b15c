// Process tuning for `authql serve`: how the server's threads share the CPU. Kept out of
// crypto/, which holds pure functions only.
import { readlink } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { THREAD_POOL_SIZE } from '../crypto/password';

/** Below the event loop's 0, with a tenth of its weight: hashes yield to requests, and still progress on a busy machine. */
const HASHING_NICENESS = 10;

/**
 * Lowers the priority of libuv's thread pool (Linux; nice 10), so that hashes use the CPU time
 * the event loop leaves: a login storm then slows logins, not every other request. The pool's
 * threads are found by asking each which thread it is; answers how many were lowered.
 */
export async function lowerHashingPriority(): Promise<number> {
  if (process.platform !== 'linux') return 0;
  const threads = new Set<number>();
  for (let round = 0; round < 50 && threads.size < THREAD_POOL_SIZE; round += 1) {
    // /proc/thread-self names the thread that reads it: here, a pool thread.
    const answers = await Promise.all(Array.from({ length: THREAD_POOL_SIZE * 4 }, () => readlink('/proc/thread-self').catch(() => '')));
    for (const answer of answers) {
      const tid = Number(answer.split('/').pop());
      if (tid && tid !== process.pid) threads.add(tid);
    }
  }
  let lowered = 0;
  for (const tid of threads) {
    try {
      setPriority(tid, HASHING_NICENESS);
      lowered += 1;
    } catch {
      // not allowed here: hashes keep the normal priority
    }
  }
  return lowered;
}
