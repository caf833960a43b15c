import type { FoundDatabase } from '../../src/cli/embedded-db';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __authqlDatabase?: FoundDatabase }).__authqlDatabase?.stop();
}
