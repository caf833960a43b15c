// The package as a user gets it: `npm pack` of this repository into a work directory, and
// commands run to their end in a fresh project outside the repository.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, cliEnv } from './cli';

const run = promisify(execFile);

/** npm install's flags for a test project: the shared npm cache first, and nothing noisy. */
export const QUIET_INSTALL = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** Runs a command to its end; a failure carries its output. */
export async function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cliEnv()): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** `npm pack` of the repository (which builds it) into `workDir`; answers the tarball's path. */
export async function packTarball(workDir: string): Promise<string> {
  await sh('npm', ['pack', '--pack-destination', workDir], ROOT);
  const tarball = readdirSync(workDir).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${workDir}`);
  return path.join(workDir, tarball);
}
