// The topology project's global setup: PostgreSQL and FerretDB obtained once before any test runs
// (an apt-get install, or building FerretDB with go, takes longer than a test's timeout). The
// stories start their own FerretDB on a PostgreSQL cluster of their own; they do not use the
// run's database.
import { findFerretDB } from '../../src/cli/embedded-db';
import { POSTGRESQL, obtainTool } from './system-tools';

export default async function topologySetup(): Promise<void> {
  process.env.POSTGRES_INITDB ??= obtainTool(POSTGRESQL);
  if (!(await findFerretDB(process.env, { build: true }))) {
    throw new Error('the topology tests need FerretDB 1.24: put a ferretdb binary on PATH, or go on PATH to have it built into authql\'s cache');
  }
}
