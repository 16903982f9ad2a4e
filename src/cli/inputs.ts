import { type Dirent, type Stats, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { LIMITS } from "../core/limits.js";
import { describeFsError } from "./options.js";

/** File extensions a directory is searched for (issue 5). */
const CERT_FILE = /\.(pem|crt|cer|der|p7b)$/i;
const SKIP_DIRS = new Set(["node_modules", ".git"]);
// node:fs/promises is loaded when a folder is walked, not at every start (issue 16).
const fsp = () => process.getBuiltinModule("node:fs/promises");
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
      await walk(root, 0, w);
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

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** True the first time a real file or folder is met; a dangling link has no identity and always counts. */
async function firstVisit(path: string, w: Walk): Promise<{ first: boolean; isDir: boolean }> {
  const st = await fsp()
    .stat(path)
    .catch(() => undefined);
  if (!st) return { first: true, isDir: false };
  const id = `${st.dev}:${st.ino}`;
  if (w.seen.has(id)) return { first: false, isDir: st.isDirectory() };
  w.seen.add(id);
  return { first: true, isDir: st.isDirectory() };
}

async function walk(dir: string, depth: number, w: Walk): Promise<void> {
  const self = await firstVisit(dir, w);
  if (!self.first) return;
  if (depth > LIMITS.maxWalkDepth) {
    w.unreadable.push({ path: dir, error: `folder not searched: deeper than ${LIMITS.maxWalkDepth} levels` });
    return;
  }
  let entries: Dirent[];
  try {
    entries = await fsp().readdir(dir, { withFileTypes: true });
  } catch (err) {
    w.unreadable.push({ path: dir, error: `cannot read folder: ${describeFsError(err)}` });
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    const isDir =
      e.isDirectory() ||
      (e.isSymbolicLink() &&
        (
          await fsp()
            .stat(path)
            .catch(() => undefined)
        )?.isDirectory());
    if (isDir) {
      if (!SKIP_DIRS.has(e.name)) await walk(path, depth + 1, w);
      // A dangling link or a FIFO is listed too, so it is reported as unreadable rather than silently skipped.
    } else if (CERT_FILE.test(e.name) && (await firstVisit(path, w)).first) w.found.push(path);
  }
}
