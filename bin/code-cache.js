"use strict";
// Runs dist/cli.cjs with a V8 code cache. Without one, V8 compiles the bundle at every start, which cost more
// than checking a chain; Node 20 has no module.enableCompileCache (22.1+), so this keeps V8's own cachedData
// (vm.Script) per user and per command (issue 16). A cache is code we run, so it is trusted like code: see
// docs/limits.md ("The code cache"). Every failure here only means no cache.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

// A cache holds the functions one command ran; help, typos and the rest share one file.
const COMMANDS = new Set(["check", "fix", "inspect", "csr", "probe", "gateway", "demo", "explain"]);
const MAX_BYTES = 32 * 1024 * 1024;
// A bundle's first line: the CommonJS wrapper the build put around it (dist/full.cjs's takes one more
// parameter), and the build's hash (scripts/build.mjs).
const BUILD_LINE =
  /^\(function \(exports, require, module, __filename, __dirname(?:, \w+)?\) \{ \/\/ connectpay-cert build ([0-9a-f]{16})\n/;
const STALE_MS = 7 * 24 * 3600 * 1000;
const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
const uid = process.getuid?.();

/** Where caches live: CONNECTPAY_CERT_CACHE=off disables, an absolute path replaces the default. */
function cacheDir(env) {
  // Windows reports no owner and no real mode bits, so nothing here could tell our cache from another's.
  if (process.platform === "win32" || uid === undefined) return undefined;
  const setting = env.CONNECTPAY_CERT_CACHE;
  if (setting === "off" || setting === "0") return undefined;
  if (setting) return path.isAbsolute(setting) ? setting : undefined;
  if (!env.HOME) return undefined;
  if (process.platform === "darwin") return path.join(env.HOME, "Library", "Caches", "connectpay-cert");
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  return path.join(xdg ?? path.join(env.HOME, ".cache"), "connectpay-cert");
}

// Nobody else may be able to put bytes at the cache's path: the folder is ours and closed to others, and so
// is every folder above it (root's, or a sticky one like /tmp, may be shared), so it cannot be swapped.
function safeFolders(dir) {
  let st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== uid || st.mode & 0o022) return false;
  for (let up = path.dirname(dir); ; up = path.dirname(up)) {
    st = fs.statSync(up);
    const others = st.mode & 0o022 && !(st.mode & 0o1000);
    if ((st.uid !== uid && st.uid !== 0) || others) return false;
    if (path.dirname(up) === up) return true;
  }
}

// A regular file of ours, with no other name (a hard link could give us someone else's bytes), closed to others.
const safeFile = (st) => st.isFile() && st.uid === uid && st.nlink === 1 && !(st.mode & 0o022) && st.size <= MAX_BYTES;

/** The cache file, open, when it is safe to read (undefined otherwise): its descriptor and size. */
function openCache(dir, file) {
  let fd;
  try {
    if (!safeFolders(dir)) return undefined;
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    const st = fs.fstatSync(fd);
    if (safeFile(st)) return { fd, size: st.size };
  } catch {}
  if (fd !== undefined) fs.closeSync(fd);
  return undefined;
}

/** Reads up to `size` bytes of `fd` from its start into `buffer`, as readFileSync would; the count read. */
function readInto(fd, buffer, size) {
  let done = 0;
  for (let n = 1; done < size && n > 0; done += n) n = fs.readSync(fd, buffer, done, size - done, done);
  return done;
}

/**
 * Creates the missing folders of `dir` (mode 0700), but only below a folder of our own: run as root with
 * another user's HOME, it must not leave root-owned folders in their home.
 */
function makeFolders(dir) {
  const missing = [];
  let at = dir;
  while (!fs.existsSync(at)) {
    missing.unshift(at);
    at = path.dirname(at);
  }
  if (missing.length && fs.statSync(at).uid !== uid) return;
  for (const folder of missing) fs.mkdirSync(folder, { mode: 0o700 });
}

/** Written whole under a temporary name and renamed, so a reader never sees half a cache. */
function writeCache(dir, file, script, prefixes) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    makeFolders(dir);
    if (!safeFolders(dir)) return;
    fs.writeFileSync(tmp, script.createCachedData(), { flag: "wx", mode: 0o600 });
    fs.renameSync(tmp, file);
    removeStale(dir, prefixes);
  } catch {
    // force ignores only a missing file: a cache path under a file (ENOTDIR) must not throw here either.
    try {
      fs.rmSync(tmp, { force: true });
    } catch {}
  }
}

// Other builds' caches (an upgrade, another Node, another npx version) and temporary files of runs that were
// killed go once nothing has written them for a week. `prefixes`: the scripts this run loaded. A run that did
// not load dist/full.cjs does not know its caches' names, so it may remove one not written for a week either;
// the next command that needs it writes it again.
function removeStale(dir, prefixes) {
  for (const name of fs.readdirSync(dir)) {
    if (!/\.v8(\.\d+\.tmp)?$/.test(name) || (prefixes.some((p) => name.startsWith(p)) && name.endsWith(".v8")))
      continue;
    const file = path.join(dir, name);
    if (Date.now() - fs.lstatSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
  }
}

/** The cache's bytes in `buffer` (its first cache.size bytes), or undefined when they could not be read. */
function readCacheInto(cache, buffer) {
  try {
    return readInto(cache.fd, buffer, cache.size) === cache.size ? buffer.subarray(0, cache.size) : undefined;
  } catch {
    return undefined;
  }
}

// FNV-1a: a short, stable name for what the compiled code depends on, without loading node:crypto.
function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/**
 * The cache file for this bundle and command. V8 accepts cached code for any source of the same length, so
 * the name holds what identifies the bundle's bytes: the build's hash, and the file's inode, change time
 * and size (an edited or reinstalled bundle gets a new name). The Node version, architecture and V8 flags
 * are in it too, so runs with other flags keep their own file instead of rejecting each other's.
 */
function cacheFile(dir, bundle, stat, source, argv, env, execArgv = process.execArgv) {
  const build = BUILD_LINE.exec(source)?.[1];
  if (!build) return undefined;
  const stamp = `${stat.dev}:${stat.ino}:${stat.ctimeMs}:${stat.size}:${bundle}`;
  const runtime = `${process.version}:${process.arch}:${execArgv.join(" ")}:${env.NODE_OPTIONS ?? ""}`;
  const help = argv.includes("--help") || argv.includes("-h");
  const command = COMMANDS.has(argv[0]) && !help ? argv[0] : "other";
  const prefix = `${build}-${fnv(stamp)}${fnv(runtime)}-`;
  // cli-check.v8, full-fix.v8: the script's name, then the command.
  return { file: path.join(dir, `${prefix}${path.basename(bundle, ".cjs")}-${command}.v8`), prefix };
}

// What this run loaded, for saving caches once main() has settled: the folder, the command line, the build
// of the first script, and each script V8 compiled without a cache.
const run = { dir: undefined, argv: [], env: {}, build: undefined, prefixes: [], unsaved: [] };

/**
 * A bundle's text and, when one fits, its cache's bytes and name. Both are read into one buffer, the cache
 * after the bundle's text has been copied out of it: a second buffer meant ~100 more fresh pages at every
 * start. The buffer is twice the bundle's size, room enough for its cache: pages never written to are
 * never touched, so the room costs nothing.
 */
function readScript(bundle) {
  const fd = fs.openSync(bundle, O_RDONLY);
  let cache;
  try {
    const stat = fs.fstatSync(fd);
    let buffer = Buffer.allocUnsafe(stat.size * 2);
    // The build writes ASCII only, so latin1 is the same text without decoding it.
    const source = buffer.toString("latin1", 0, readInto(fd, buffer, stat.size));
    const build = BUILD_LINE.exec(source)?.[1];
    // dist/full.cjs takes dist/cli.cjs's modules by name, so both must come from one build.
    if (run.build && build !== run.build) throw new Error(`${bundle} is from another build than the CLI that loads it`);
    run.build ??= build;
    const target = run.dir && cacheFile(run.dir, bundle, stat, source, run.argv, run.env);
    cache = target && openCache(run.dir, target.file);
    if (cache && cache.size > buffer.length) buffer = Buffer.allocUnsafe(cache.size);
    return { source, cachedData: cache && readCacheInto(cache, buffer), target };
  } finally {
    fs.closeSync(fd);
    if (cache) fs.closeSync(cache.fd);
  }
}

// The bundle's require: it asks only for built-ins and for files of this package by relative path
// (../bin/code-cache.js, ./vendor/*.cjs; scripts/build.mjs refuses any other), so this is what
// module.createRequire(bundle) would give it, without loading node:module (~0.7 ms of every start). The
// path is made absolute whatever `dir` is: a relative one must not become a package name to look up.
const bundleRequire = (dir) => (id) => require(id.startsWith(".") ? path.resolve(dir, id) : id);

/**
 * Runs a bundle (from cache when one fits): its CommonJS wrapper gets `extra` after the usual five arguments.
 * Returns its module. dist/cli.cjs loads dist/full.cjs through this when a command line needs the full CLI.
 */
function loadScript(bundle, extra = []) {
  const { source, cachedData, target } = readScript(bundle);
  // The bundle is a CommonJS wrapper function already (scripts/build.mjs): running the script returns it.
  const script = new vm.Script(source, { filename: bundle, cachedData });
  const mod = { exports: {} };
  const args = [mod.exports, bundleRequire(path.dirname(bundle)), mod, bundle, path.dirname(bundle), ...extra];
  script.runInThisContext().apply(mod.exports, args);
  if (target) run.prefixes.push(target.prefix);
  if (target && (!cachedData || script.cachedDataRejected)) run.unsaved.push({ script, file: target.file });
  return mod.exports;
}

/** Loads the CLI's bundle, runs its main(), and saves the caches that were missing. */
function runCached(bundle, argv, env) {
  Object.assign(run, { dir: cacheDir(env), argv, env });
  // After the run, so a cache holds the functions this command compiled, not just the top level, unless the
  // run compiled more than a start does (cacheable() in src/cli/main.ts says when). main() settles every
  // error itself; cacheable() and writeCache never throw.
  const cli = loadScript(bundle);
  cli.main().then((finished) => {
    if (run.unsaved.length && cli.cacheable(argv))
      for (const { script, file } of run.unsaved) writeCache(run.dir, file, script, run.prefixes);
    // main() says nothing of the run is left (a check, its report written): ending here skips Node's
    // teardown of the environment and the heap, about 5 ms of a cold check. 'exit' listeners still run.
    if (finished) process.exit();
  });
}

module.exports = { runCached, loadScript, cacheFile };
