import { type Dirent, readdirSync, type Stats, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { LIMITS } from "../core/limits.js";
import { describeFsError } from "./options.js";

/** File extensions a directory is searched for: what CAs and servers name certificate files. */
const CERT_FILE = /\.(pem|crt|cer|der|p7b)$/i;
const SKIP_DIRS = new Set(["node_modules", ".git"]);
const GLOB_CHARS = /[*?[\]{}]/;

export interface ExpandedInputs {
  /** display names (as given, or relative to the working directory), in a stable order */
  files: string[];
  /** inputs that named nothing: missing paths and globs without matches */
  unmatched: string[];
  /** folders that could not be searched (unreadable, too deep), each with the reason: exit 2 like a file */
  unreadable: { path: string; error: string }[];
}

/** A walk's memory: real files and folders seen (device+inode), so links never judge a file twice or loop. */
interface Walk {
  seen: Set<string>;
  found: string[];
  unreadable: { path: string; error: string }[];
}

/** Files, directories (recursive) and glob patterns to the list of files to judge; `-` stays stdin. */
export async function expandInputs(inputs: string[], cwd: string): Promise<ExpandedInputs> {
  const files: string[] = [];
  const unmatched: string[] = [];
  const unreadable: ExpandedInputs["unreadable"] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === "-") {
      files.push(input);
      continue;
    }
    const info = statOrUndefined(resolve(cwd, input));
    if (info?.isDirectory()) {
      const root = resolve(cwd, input);
      const w: Walk = { seen, found: [], unreadable: [] };
      walk(root, 0, w);
      // Shown under the path the user typed, so absolute stays absolute and relative stays relative.
      const shown = (f: string) => join(input, relative(root, f));
      files.push(...w.found.map(shown).sort());
      unreadable.push(...w.unreadable.map((u) => ({ path: shown(u.path), error: u.error })));
      if (w.found.length === 0 && w.unreadable.length === 0) unmatched.push(input);
    } else if (!info && GLOB_CHARS.test(input)) {
      const { glob } = await import("tinyglobby");
      const found = (await glob(input, { cwd, dot: false, onlyFiles: true })).sort();
      files.push(...found);
      if (found.length === 0) unmatched.push(input);
    } else files.push(input);
  }
  return { files: [...new Set(files)], unmatched, unreadable };
}

/**
 * stat, or undefined when there is nothing to stat (missing, dangling link, no permission). Synchronous, like
 * the reads of check (read-bounded.ts): a folder of 10,000 bundles spent 0.4 s idle waiting on the thread
 * pool for one stat at a time (slower than the stat itself), and a stat never waits on anything a promise could overlap.
 */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** True the first time a real file or folder is met; a dangling link has no identity and always counts. */
function firstVisit(path: string, w: Walk): { first: boolean; isDir: boolean } {
  const st = statOrUndefined(path);
  if (!st) return { first: true, isDir: false };
  const id = `${st.dev}:${st.ino}`;
  if (w.seen.has(id)) return { first: false, isDir: st.isDirectory() };
  w.seen.add(id);
  return { first: true, isDir: st.isDirectory() };
}

function walk(dir: string, depth: number, w: Walk): void {
  const self = firstVisit(dir, w);
  if (!self.first) return;
  if (depth > LIMITS.maxWalkDepth) {
    w.unreadable.push({ path: dir, error: `folder not searched: deeper than ${LIMITS.maxWalkDepth} levels` });
    return;
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    w.unreadable.push({ path: dir, error: `cannot read folder: ${describeFsError(err)}` });
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && statOrUndefined(path)?.isDirectory());
    if (isDir) {
      if (!SKIP_DIRS.has(e.name)) walk(path, depth + 1, w);
      // A dangling link or a FIFO is listed too, so it is reported as unreadable rather than silently skipped.
    } else if (CERT_FILE.test(e.name) && firstVisit(path, w).first) w.found.push(path);
  }
}
