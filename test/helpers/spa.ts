// The example SPA for the browser stories: built with Vite into a temporary directory and
// served from an origin of its own on 127.0.0.1; and the few ways the stories read its page.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startLocalSite, type LocalSite } from './browser';

const ROOT = path.resolve(__dirname, '..', '..');
const VITE = path.join(ROOT, 'node_modules', '.bin', 'vite');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
const DOCS = path.join(ROOT, 'docs');

/** Where the SPA's authql client keeps its session (the token in header-token mode). */
export const SPA_TOKEN_KEY = 'authql-example-token';

/** The session token the page holds (header-token mode), or null. */
export function pageToken(page: Page): Promise<string | null> {
  return page.evaluate((key) => (JSON.parse(sessionStorage.getItem(key) ?? 'null') as { token?: string } | null)?.token ?? null, SPA_TOKEN_KEY);
}

/**
 * Where a screenshot goes: test/artifacts/<name>.png, and docs/<docsName>.png for the README
 * only when asked (npm run screenshots), so a test run leaves the tree clean.
 */
export function screenshotFiles(name: string, docsName?: string): string[] {
  const files = [path.join(ARTIFACTS, `${name}.png`)];
  if (docsName && process.env.AUTHQL_UPDATE_SCREENSHOTS === '1') files.push(path.join(DOCS, `${docsName}.png`));
  for (const file of files) mkdirSync(path.dirname(file), { recursive: true });
  return files;
}

function killGroup(child: ChildProcess | null): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** `vite build examples/spa` into `outDir`, as a child process in its own process group (killed on timeout). */
async function buildSpa(outDir: string, started: (child: ChildProcess) => void): Promise<void> {
  const child = spawn(VITE, ['build', 'examples/spa', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  started(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output = (output + String(chunk)).slice(-8000)));
  child.stderr!.on('data', (chunk) => (output = (output + String(chunk)).slice(-8000)));
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const timer = setTimeout(() => {
      killGroup(child);
      resolve({ code: null, signal: 'SIGKILL' });
    }, 120_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
  if (exit.code !== 0) throw new Error(`vite build examples/spa failed (${exit.code ?? exit.signal}):\n${output}`);
  if (!existsSync(path.join(outDir, 'index.html'))) throw new Error(`vite build wrote no index.html into ${outDir}:\n${output}`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** A static file server for the built SPA on 127.0.0.1 (its own origin). */
function serveDirectory(root: string): Promise<LocalSite> {
  return startLocalSite((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
}

export interface BuiltSpa {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The port, for pages opened as http://localhost:<port> (WebAuthn refuses IP addresses as the RP ID). */
  port: number;
  /** Stops the build if it still runs, the server, and removes the build. */
  close(): Promise<void>;
}

export async function startSpa(): Promise<BuiltSpa> {
  const buildDir = mkdtempSync(path.join(tmpdir(), 'authql-spa-'));
  let vite: ChildProcess | null = null;
  let site: LocalSite | null = null;
  const close = async () => {
    killGroup(vite);
    await site?.close();
    rmSync(buildDir, { recursive: true, force: true });
  };
  try {
    await buildSpa(buildDir, (child) => (vite = child));
    site = await serveDirectory(buildDir);
  } catch (error) {
    await close();
    throw error;
  }
  return { origin: site.origin, port: Number(new URL(site.origin).port), close };
}

/** The SPA's status line: its text, and whether it shows an error. */
export async function statusOf(page: Page): Promise<{ text: string; error: boolean }> {
  return page.evaluate(() => {
    const element = document.querySelector('#status');
    return { text: element?.textContent ?? '', error: !!element?.classList.contains('error') };
  });
}

/** Waits until the status line says something other than `previous` (each step says something new). */
export async function nextStatus(page: Page, previous: string, timeoutMs = 15_000): Promise<{ text: string; error: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await statusOf(page);
    if (status.text && status.text !== previous) return status;
    if (Date.now() > deadline) throw new Error(`the SPA's status still says "${status.text}" after ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

export async function visible(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).isVisible();
}

export async function submit(page: Page, form: string, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) await page.locator(`${form} input[name="${name}"]`).fill(value);
  await page.locator(`${form} button[type="submit"]`).click();
}
