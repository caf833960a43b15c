// What the benches share: a real authql server on a real database (found as `npm start`
// finds it: MONGODB_URI, else ferretdb on PATH, else mongodb-memory-server) in a database
// of its own that is dropped afterwards, a GraphQL fetch helper, latency statistics and
// table printing.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { createAuth, type Auth } from '../src/auth';
import type { AuthOptions } from '../src/config';
import { findDatabase } from '../src/cli/embedded-db';
import { startServer } from '../src/server';

export interface BenchServer {
  /** The GraphQL endpoint. */
  url: string;
  auth: Auth;
  /** Stops the server and authql, drops the bench database and stops a database it started. */
  close(): Promise<void>;
}

/**
 * Finds a database, prints which, and starts authql on a free loopback port in a fresh
 * database. `options` go over the defaults (a JSON email transport, a quiet logger).
 */
export async function startBenchServer(options: Omit<Partial<AuthOptions>, 'mongodb'> = {}): Promise<BenchServer> {
  const database = await findDatabase(process.env);
  console.log(`[bench] ${database.description}`);
  const dbName = `authql_bench_${randomBytes(4).toString('hex')}`;
  const dropDatabase = async () => {
    const connection = await mongoose.createConnection(database.uri, { dbName }).asPromise();
    try {
      await connection.dropDatabase().catch(() => undefined);
    } finally {
      await connection.close();
    }
  };
  let auth: Auth | undefined;
  try {
    auth = await createAuth({
      secret: randomBytes(32).toString('base64url'),
      email: { transport: { jsonTransport: true } },
      logger: { info: () => undefined, warn: () => undefined, error: (m, f) => console.error(m, f) },
      ...options,
      mongodb: { uri: database.uri, dbName },
    });
    const running = await startServer(auth, { port: 0 });
    const started = auth;
    return {
      url: running.url,
      auth: started,
      async close() {
        try {
          await running.close();
          // authql first: its email worker must not write into the database after the drop.
          await started.close();
          await dropDatabase();
        } finally {
          await database.stop();
        }
      },
    };
  } catch (error) {
    await auth?.close().catch(() => undefined);
    await dropDatabase().catch(() => undefined);
    await database.stop();
    throw error;
  }
}

/** Runs a bench's main; an error is printed and the exit code is 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

function post(url: string, body: string, authorization?: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
}

/** One GraphQL request; answers the parsed response body. */
export async function gql(url: string, query: string, variables?: Record<string, unknown>, authorization?: string): Promise<any> {
  const response = await post(url, JSON.stringify({ query, variables }), authorization);
  return response.json();
}

/** One GraphQL request, timed from sending to the parsed answer. */
export async function timedGql(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  authorization?: string,
): Promise<{ ms: number; json: any; status: number }> {
  const body = JSON.stringify({ query, variables });
  const started = performance.now();
  const response = await post(url, body, authorization);
  const json = await response.json();
  return { ms: performance.now() - started, json, status: response.status };
}

/** The password of the benches' accounts. */
export const PASSWORD = 'correct horse battery staple';

/** How many requests of each kind: BENCH_N, else `fallback`. */
export function benchN(fallback: number): number {
  return Number(process.env.BENCH_N ?? fallback);
}

/** Registers an account; answers its id, or throws with the server's answer. */
export async function register(url: string, email: string, password = PASSWORD): Promise<string> {
  const registered = await gql(url, 'mutation($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id } } } }', {
    input: { email, password },
  });
  const id: string | undefined = registered.data?.register?.user?.id;
  if (registered.data?.register?.__typename !== 'RegisterSuccess' || !id) throw new Error(`register failed: ${JSON.stringify(registered)}`);
  return id;
}

function quantile(sorted: number[], q: number): number {
  // nearest-rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** Prints an aligned table: the first column left-aligned, the others right-aligned. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(format(row));
}

export interface Row {
  label: string;
  samples: number[];
}

/** A table of n, median, p90, min and max (ms, one decimal) for each row. */
export function printLatencyTable(firstColumn: string, rows: Row[]): void {
  printTable(
    [firstColumn, 'n', 'median ms', 'p90 ms', 'min ms', 'max ms'],
    rows.map(({ label, samples }) => {
      const s = stats(samples);
      return [label, String(s.n), s.median.toFixed(1), s.p90.toFixed(1), s.min.toFixed(1), s.max.toFixed(1)];
    }),
  );
}

export interface Comparison<K extends string> {
  /** Each kind's samples, measured one kind after another. */
  blocks: Record<K, number[]>;
  /** Each kind's samples, measured in rounds of one request of every kind. */
  interleaved: Record<K, number[]>;
  /** Every interleaved sample. */
  all: number[];
  /** The block rows, then the interleaved rows (labelled `interleaved: <kind>`). */
  rows: Row[];
}

/**
 * Sequential timing of several kinds of request: `warmup` of each (indices -1, -2, ...),
 * then `n` of each kind in a block (indices 0..n-1), then `n` rounds of one of each kind
 * (indices n..2n-1), the order rotated each round so no kind always follows the same one.
 */
export async function compareKinds<K extends string>(
  kinds: readonly K[],
  n: number,
  warmup: number,
  measure: (kind: K, i: number) => Promise<number>,
): Promise<Comparison<K>> {
  const byKind = () => Object.fromEntries(kinds.map((kind) => [kind, [] as number[]])) as Record<K, number[]>;
  for (const kind of kinds) for (let i = 0; i < warmup; i += 1) await measure(kind, -1 - i);

  const blocks = byKind();
  for (const kind of kinds) for (let i = 0; i < n; i += 1) blocks[kind].push(await measure(kind, i));

  const interleaved = byKind();
  const all: number[] = [];
  for (let i = 0; i < n; i += 1) {
    for (let k = 0; k < kinds.length; k += 1) {
      const kind = kinds[(i + k) % kinds.length];
      const ms = await measure(kind, n + i);
      interleaved[kind].push(ms);
      all.push(ms);
    }
  }
  const rows = [
    ...kinds.map((kind) => ({ label: kind, samples: blocks[kind] })),
    ...kinds.map((kind) => ({ label: `interleaved: ${kind}`, samples: interleaved[kind] })),
  ];
  return { blocks, interleaved, all, rows };
}

/** median(a) / median(b). */
export function medianRatio(a: number[], b: number[]): number {
  return stats(a).median / stats(b).median;
}

/** An address no account has. */
export function unknownEmail(i: number): string {
  return `nobody-${i}-${randomBytes(3).toString('hex')}@example.com`;
}
