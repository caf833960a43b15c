import type { FoundDatabase } from '../../src/cli/embedded-db';

export default async function globalTeardown(): Promise<void> {
  const shared = globalThis as { __authqlDatabase?: FoundDatabase };
  const database = shared.__authqlDatabase;
  shared.__authqlDatabase = undefined;
  await database?.stop();
}
