// The browser project's global setup: the run's database, and Chromium obtained before any test
// runs (an apt-get install takes longer than a test's timeout).
import globalSetup from './global-setup';
import { CHROMIUM, obtainTool } from './system-tools';

export default async function browserSetup(): Promise<void> {
  const chromium = obtainTool(CHROMIUM);
  process.env.CHROMIUM_PATH ??= chromium;
  await globalSetup();
}
