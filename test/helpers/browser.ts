// Headless Chromium (CHROMIUM_PATH, else `chromium` on PATH, else Debian's installed by the browser
// project's global setup: test/setup/system-tools.ts) for the browser stories, driven by
// playwright-core over CDP. It runs in its own process group with a fresh profile, so that
// close() stops the browser and every helper process it started, even after a failed test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, missingToolMessage, obtainTool } from '../setup/system-tools';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface LaunchedChromium {
  browser: Browser;
  /** The browser process (the leader of its process group). */
  process: ChildProcess;
  /** Closes the connection, kills the process group and removes the profile. Safe to call twice. */
  close(): Promise<void>;
}

/** Waits for the promise, but at most `ms` (and leaves no timer behind). */
export async function within(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Chromium's executable, obtained once per run (found, else installed with apt-get as root on Debian, else an error naming what to install). */
export function chromiumPath(): string {
  return obtainTool(CHROMIUM);
}

/** Starts Chromium in its own process group with a fresh profile, and connects to it over CDP. */
export async function launchChromium(): Promise<LaunchedChromium> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath} (CHROMIUM_PATH). ${missingToolMessage(CHROMIUM)}`);
  }
  const profileDir = mkdtempSync(path.join(tmpdir(), 'authql-chromium-'));
  const child = spawn(executablePath, [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  let browser: Browser | null = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await within(browser?.close().catch(() => undefined), 5000);
    if (child.pid) {
      // The whole process group: the browser and its zygote, GPU and renderer processes.
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await within(exited, 5000);
    }
    child.stderr?.destroy();
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const portFile = path.join(profileDir, 'DevToolsActivePort');
    const deadline = Date.now() + 60_000;
    while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
      if (child.exitCode !== null) throw new Error(`Chromium exited (${child.exitCode}) before it was ready: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`Chromium did not open its DevTools port within 60 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { timeout: 60_000 });
  } catch (error) {
    await close();
    throw error;
  }
  return { browser, process: child, close };
}

/** A web server for the browser to load pages from: a loopback address and port, so an origin, of its own. */
export interface LocalSite {
  server: Server;
  origin: string;
  /** Closes the server and any connection the browser keeps open. */
  close(): Promise<void>;
}

/** `host` 127.0.0.2 makes a site of its own too: cookies of 127.0.0.1 are cross-site there. */
export async function startLocalSite(handler: RequestListener, host = '127.0.0.1'): Promise<LocalSite> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
