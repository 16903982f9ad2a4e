"use strict";
// Runs dist/cli.cjs with a V8 code cache. Without one, V8 compiles the ~1 MB bundle at every start, which
// cost more than checking a chain; Node 20 has no module.enableCompileCache (22.1+), so this keeps V8's own
// cachedData (vm.Script) per user and per command (issue 16). Every failure here only means no cache.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire, wrap } = require("node:module");

// A cache holds the functions one command ran; other words (typos, options) share one file.
const COMMANDS = new Set(["check", "fix", "inspect", "csr", "probe", "gateway", "demo", "explain"]);
const MAX_BYTES = 32 * 1024 * 1024;
const STALE_MS = 7 * 24 * 3600 * 1000;
const uid = process.getuid?.();

/** Where caches live: CONNECTPAY_CERT_CACHE=off disables, an absolute path replaces the default. */
function cacheDir(env) {
  const setting = env.CONNECTPAY_CERT_CACHE;
  if (setting === "off" || setting === "0") return undefined;
  if (setting) return path.isAbsolute(setting) ? setting : undefined;
  if (process.platform === "win32") return env.LOCALAPPDATA && path.join(env.LOCALAPPDATA, "connectpay-cert");
  if (!env.HOME) return undefined;
  if (process.platform === "darwin") return path.join(env.HOME, "Library", "Caches", "connectpay-cert");
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  return path.join(xdg ?? path.join(env.HOME, ".cache"), "connectpay-cert");
}

// Compiled code is run as ours: a cache anyone else could write would be code they chose. So the folder
// and the file must be ours, not links, and not writable by group or others.
function ours(stat, isDir) {
  const kind = isDir ? stat.isDirectory() : stat.isFile();
  return kind && (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
}

function readCache(dir, file) {
  let fd;
  try {
    if (!ours(fs.lstatSync(dir), true)) return undefined;
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const stat = fs.fstatSync(fd);
    if (!ours(stat, false) || stat.size > MAX_BYTES) return undefined;
    const data = Buffer.allocUnsafe(stat.size);
    return fs.readSync(fd, data, 0, stat.size, 0) === stat.size ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Written whole under a temporary name and renamed, so a reader never sees half a cache. */
function writeCache(dir, file, data, build) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ours(fs.lstatSync(dir), true)) return;
    fs.writeFileSync(tmp, data, { flag: "wx", mode: 0o600 });
    fs.renameSync(tmp, file);
    removeStale(dir, build);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

// Caches of other builds (an upgrade, another version run by npx) go once they have not been written for a week.
function removeStale(dir, build) {
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith(".v8") || name.startsWith(`${build}-`)) continue;
    const file = path.join(dir, name);
    if (Date.now() - fs.lstatSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
  }
}

/** Loads the bundle (from cache when one fits), runs its main(), and saves a cache when there was none. */
function runCached(bundle, argv, env) {
  // The build writes ASCII only, so latin1 is the same text without decoding it.
  const source = fs.readFileSync(bundle, "latin1");
  const build = /^\/\/ connectpay-cert build ([0-9a-f]{16})\n/.exec(source)?.[1];
  const dir = build && cacheDir(env);
  const command = COMMANDS.has(argv[0]) ? argv[0] : "other";
  const file = dir && path.join(dir, `${build}-${process.version}-${process.arch}-${command}.v8`);
  const cachedData = file && readCache(dir, file);
  const script = new vm.Script(wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  const done = mod.exports.main();
  // After the run, so the cache holds the functions this command compiled, not just the top level.
  if (file && (!cachedData || script.cachedDataRejected))
    done.then(() => writeCache(dir, file, script.createCachedData(), build)).catch(() => {});
}

module.exports = { runCached, cacheDir };
