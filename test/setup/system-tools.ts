// Programs the tests drive but npm does not provide (Chromium for the browser stories, Prometheus
// for the metrics story), obtained the way the global setup obtains FerretDB (SPEC §1): found on
// PATH; else, on Debian as root, installed with apt-get behind one progress line; else a paragraph
// saying what to install. Once per run: after the install the program is on PATH. Node.js of
// another major (the runner stories) comes from npm into the per-user cache instead (nodeOfMajor).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cacheDir } from '../../src/cli/cache-dir';
import { findOnPath } from '../../src/cli/embedded-db';

export interface SystemTool {
  /** Its executable names, looked up on PATH in this order. */
  commands: string[];
  /** An environment variable naming its executable, which wins over PATH. */
  envVar?: string;
  /** The Debian package that provides it. */
  debianPackage: string;
  /** Which tests need it, for the messages. */
  neededBy: string;
  /** How to get it elsewhere, for the error paragraph. */
  elsewhere: string;
  /** Where else it may be installed, off PATH (looked at after PATH). */
  locate?: () => string | null;
}

export const CHROMIUM: SystemTool = {
  commands: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
  envVar: 'CHROMIUM_PATH',
  debianPackage: 'chromium',
  neededBy: 'the browser tests (the example SPA, GraphiQL, cookie mode)',
  elsewhere: 'install Chromium or Google Chrome with your package manager (e.g. `brew install --cask chromium`, `dnf install chromium`) and set CHROMIUM_PATH to its executable if it is not on PATH as `chromium`',
};

export const PROMETHEUS: SystemTool = {
  commands: ['prometheus'],
  envVar: 'PROMETHEUS_PATH',
  debianPackage: 'prometheus',
  neededBy: 'the metrics story (a real Prometheus scraping authql)',
  elsewhere: 'install Prometheus 2.x (e.g. `brew install prometheus`, or the release binary from https://prometheus.io/download/) and put `prometheus` on PATH or set PROMETHEUS_PATH to it',
};

/** Debian keeps each PostgreSQL major version's server programs in /usr/lib/postgresql/<version>/bin, off PATH. */
function debianPostgresInitdb(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((version) => path.join(root, version, 'bin', 'initdb')).find((initdb) => existsSync(initdb)) ?? null;
}

/** PostgreSQL's server (its `initdb`; `postgres` and `pg_ctl` are beside it), for the topology tests. */
export const POSTGRESQL: SystemTool = {
  commands: ['initdb'],
  envVar: 'POSTGRES_INITDB',
  debianPackage: 'postgresql',
  neededBy: 'the topology tests (FerretDB on PostgreSQL behind three authql instances)',
  elsewhere:
    'install the PostgreSQL server, version 13 or later (e.g. `brew install postgresql@16`, `dnf install postgresql-server`), and put its bin directory (with initdb, pg_ctl and postgres) on PATH or set POSTGRES_INITDB to its initdb',
  locate: debianPostgresInitdb,
};

/** The tool's executable if this machine has it (the env variable, else PATH), else null. */
export function findTool(tool: SystemTool, env: NodeJS.ProcessEnv = process.env): string | null {
  const named = tool.envVar ? env[tool.envVar] : undefined;
  if (named) return named;
  for (const command of tool.commands) {
    const found = findOnPath(command, env);
    if (found) return found;
  }
  return tool.locate?.() ?? null;
}

/** The paragraph a test run fails with when it cannot obtain the tool itself. */
export function missingToolMessage(tool: SystemTool): string {
  return (
    `${tool.commands[0]} is not installed, and ${tool.neededBy} need it. On Debian or Ubuntu the tests install it ` +
    `themselves when run as root (apt-get install ${tool.debianPackage}); otherwise run ` +
    `\`sudo apt-get install ${tool.debianPackage}\` there, or elsewhere ${tool.elsewhere}. Then run npm test again.`
  );
}

/** Whether this machine can install Debian packages without asking: Debian (or a derivative), apt-get, root. */
function canApt(): boolean {
  return existsSync('/etc/debian_version') && process.getuid?.() === 0 && findOnPath('apt-get') !== null;
}

/**
 * The tool's executable, installing it first with apt-get when this is Debian and we are root.
 * Synchronous on purpose: call it from a global setup or a hook with a long timeout.
 */
export function obtainTool(tool: SystemTool, progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  const found = findTool(tool);
  if (found) return found;
  if (!canApt()) throw new Error(missingToolMessage(tool));
  progress(`[authql tests] installing ${tool.debianPackage} with apt-get for ${tool.neededBy} (once)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', tool.debianPackage], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().slice(-2000);
    throw new Error(`apt-get install ${tool.debianPackage} failed${stderr ? `: ${stderr}` : ''}\n\n${missingToolMessage(tool)}`);
  }
  const installed = findTool(tool);
  if (!installed) throw new Error(`apt-get installed ${tool.debianPackage}, but none of ${tool.commands.join(', ')} is on PATH.\n\n${missingToolMessage(tool)}`);
  return installed;
}

/**
 * A Node.js executable of this major: this process's own when it is that major; else the one
 * the npm package `node-<platform>-<arch>@<major>` carries, obtained once into the per-user
 * cache (`npm pack`, then its `bin/node` extracted; one progress line) and reused by later runs.
 */
export async function nodeOfMajor(major: number, progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<string> {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const dir = path.join(cacheDir(), `${pkg}-${major}`);
  const executable = path.join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(executable)) return executable;
  progress(`[authql tests] obtaining Node ${major} from the npm package ${pkg}@${major} into ${dir} (once)`);
  const work = mkdtempSync(path.join(tmpdir(), 'authql-node-'));
  try {
    const npm = (args: string[]) => execFileSync('npm', args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = npm(['pack', `${pkg}@${major}`, '--prefer-offline', '--silent']).trim().split('\n').pop()!;
    execFileSync('tar', ['-xzf', tarball, 'package/bin'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    mkdirSync(path.dirname(dir), { recursive: true });
    // A rename is atomic: a concurrent run sees no half-extracted binary.
    renameSync(path.join(work, 'package'), dir);
  } catch (error) {
    if (!existsSync(executable)) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim().slice(-2000);
      throw new Error(`could not obtain Node ${major} from the npm package ${pkg}@${major}: ${stderr}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return executable;
}
