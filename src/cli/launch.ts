// How the `authql` bin loads the CLI bundle (dist/cli.cjs, the CLI with its dependencies in one
// file): with V8's code cache, so that a start does not parse and compile the same 10 MB again.
// Node 22 has this built in (module.enableCompileCache); on Node 20 the bundle is compiled with
// vm.Script and the cache it produces is kept in authql's cache directory, one file per build
// and Node version. A missing, stale or unwritable cache only costs the time it would save.
// V8 checks a cache only against the source's length: a cache file is code, so one that
// another local user could have written (not ours, or writable by others) is never read.
import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { cacheDir } from './cache-dir';

/** How long after loading the cache is written: by then a server has compiled what its requests run. */
const WRITE_AFTER_MS = 10_000;

interface NodeModuleInternals {
  _cache: Record<string, unknown>;
  _nodeModulePaths(directory: string): string[];
  wrap(source: string): string;
  enableCompileCache?: (directory?: string) => unknown;
}
const ModuleApi = Module as unknown as NodeModuleInternals & (new (id: string, parent?: unknown) => NodeJS.Module);

/** The exports of the CommonJS file `file`, compiled with a code cache when one can be kept. */
export function loadCompiled(file: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const directory = path.join(cacheDir(env), 'compile-cache');
  if (env.NODE_DISABLE_COMPILE_CACHE) return require(file);
  if (ModuleApi.enableCompileCache) {
    // Node reads the files itself: only from a directory that nobody else can write into.
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    if (onlyOursToWrite(statSync(directory))) ModuleApi.enableCompileCache(directory);
    return require(file);
  }
  // V8 checks only the source's length against a cache: the name carries the build's digest
  // (written beside the bundle by the build) and the Node version, so a cache fits exactly one.
  let digest: string;
  try {
    digest = readFileSync(`${file}.sha256`, 'utf8').trim().slice(0, 32);
  } catch {
    return require(file);
  }
  const cacheFile = path.join(directory, `${path.basename(file)}-${digest}-${process.version}-${process.arch}.v8`);
  const cachedData = readOwnFile(cacheFile);
  // The bundle has no import(): the build turns its dynamic imports into require().
  const script = new vm.Script(ModuleApi.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const loaded = new ModuleApi(file, module);
  loaded.filename = file;
  loaded.paths = ModuleApi._nodeModulePaths(path.dirname(file));
  ModuleApi._cache[file] = loaded;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(loaded.exports, loaded.exports, Module.createRequire(file), loaded, file, path.dirname(file));
  loaded.loaded = true;
  if (!cachedData || script.cachedDataRejected) keepCodeCache(script, cacheFile);
  return loaded.exports;
}

/** Owned by the running user and writable by nobody else (where there are users: not on Windows). */
function onlyOursToWrite(stats: Stats): boolean {
  return process.getuid === undefined || (stats.uid === process.getuid() && (stats.mode & 0o022) === 0);
}

/** The file's bytes when it is a regular file (not a link) that only the running user can write; else undefined. */
function readOwnFile(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    // Checked on the open file itself: it cannot be swapped between the check and the read.
    const stats = fstatSync(fd);
    return stats.isFile() && onlyOursToWrite(stats) ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Writes the code cache once: WRITE_AFTER_MS after loading, or at exit if that comes first. */
function keepCodeCache(script: vm.Script, cacheFile: string): void {
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    try {
      mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
      // In a directory others can write, a planted link could redirect the write.
      if (!onlyOursToWrite(statSync(path.dirname(cacheFile)))) return;
      // Several workers may write at once: each writes its own file, then renames it in place.
      const partial = `${cacheFile}.${process.pid}`;
      writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
      renameSync(partial, cacheFile);
    } catch {
      // A read-only home or a full disk: the next start compiles without a cache.
    }
  };
  setTimeout(write, WRITE_AFTER_MS).unref();
  process.once('exit', write);
}
