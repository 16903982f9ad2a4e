import { type BigIntStats, type Dirent, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { LIMITS } from "../core/limits.js";
import { UsageError } from "./errors.js";
import { describeFsError } from "./options.js";
import { statQuietly } from "./read-bounded.js";

/** File extensions a directory is searched for: what CAs and servers name certificate files. */
const CERT_FILE = /\.(pem|crt|cer|der|p7b)$/i;
const SKIP_DIRS = new Set(["node_modules", ".git"]);
const GLOB_CHARS = /[*?[\]{}]/;
/** What makes a path segment part of a pattern rather than a folder's name: extglobs `+(a|b)` and escapes too. */
const PATTERN_CHARS = /[*?[\]{}()|!@+\\]/;

export interface ExpandedInputs {
  /** display names (as given, or relative to the working directory), in a stable order */
  files: string[];
  /**
   * 1 for each file of `files` a folder walk found: a real file reached there by several names (a hard
   * link, a symbolic link) is judged once, at its first name; the read tells them apart by device and inode
   * (judge-files.ts). Bytes beside the list, not a second Set of 50,000 names.
   */
  walked: Uint8Array;
  /** inputs that named nothing: missing paths and globs without matches */
  unmatched: string[];
  /** folders that could not be searched (unreadable, too deep), each with the reason: exit 2 like a file */
  unreadable: { path: string; error: string }[];
  /**
   * folders that found no file because an earlier input had searched them (`check d ./d`, `check d d/sub`),
   * with the name it was searched under: their files were judged once, so this is a note, not an error
   */
  searched: { input: string; as: string }[];
}

/**
 * A walk's memory: real folders seen (device+inode), so folder links never loop or search a folder twice.
 * Files are not stat'ed here: the read's own fstat tells their identity, one system call fewer per file.
 */
interface Walk {
  /** device:inode of each real folder searched: under which name, by which input, what it held */
  folders: Map<string, Searched>;
  /** this walk's input (its place on the command line) */
  input: number;
  found: string[];
  unreadable: { path: string; error: string }[];
  /** the first folder this walk met that an earlier input had searched, under the name it had there */
  searchedAs?: string;
}

/** Files, directories (recursive) and glob patterns to the list of files to judge; `-` stays stdin. */
export async function expandInputs(inputs: string[], cwd: string): Promise<ExpandedInputs> {
  const out: Expansion = { files: new Map(), unmatched: [], unreadable: [], searched: [], folders: new Map() };
  for (const [index, input] of inputs.entries()) {
    // "" resolves to the working folder: `check "$CERT"` with CERT unset would judge every file below it.
    if (input === "")
      throw new UsageError('an input is an empty name (an unset variable?): name a file, a folder, a glob or "-".');
    if (input === "-") {
      out.files.set(input, 0);
      continue;
    }
    const info = statQuietly(resolve(cwd, input));
    if (info?.isDirectory()) {
      const w = searchFolder(resolve(cwd, input), input, index, out);
      if (w.found.length > 0 || w.unreadable.length > 0) continue;
      if (w.searchedAs === undefined) out.unmatched.push(input);
      else out.searched.push({ input, as: w.searchedAs });
    } else if (!info && GLOB_CHARS.test(input)) {
      const { files, folders } = await expandGlob(input, cwd);
      for (const f of files) out.files.set(f, 0);
      const walks = folders.map((folder) => searchFolder(resolve(cwd, folder), folder, index, out));
      if (files.length > 0 || walks.some((w) => w.found.length > 0 || w.unreadable.length > 0)) continue;
      // As for a folder named twice: folders an earlier input searched are a note, not "matched no file".
      const as = walks.find((w) => w.searchedAs !== undefined)?.searchedAs;
      if (as === undefined) out.unmatched.push(input);
      else out.searched.push({ input, as });
    } else out.files.set(input, 0);
  }
  const { files, unmatched, unreadable, searched } = out;
  return { files: [...files.keys()], walked: Uint8Array.from(files.values()), unmatched, unreadable, searched };
}

/** What expandInputs gathers: each name once, in the order first met, with whether a folder walk met it. */
interface Expansion {
  files: Map<string, number>;
  unmatched: string[];
  unreadable: ExpandedInputs["unreadable"];
  searched: ExpandedInputs["searched"];
  folders: Walk["folders"];
}

/** Searches one folder input (named, or matched by a glob) into `out`; the walk says what it found. */
function searchFolder(dir: string, input: string, index: number, out: Expansion): Walk {
  const w: Walk = { folders: out.folders, input: index, found: [], unreadable: [] };
  // Named under the path the user typed, so absolute stays absolute and relative stays relative.
  walk(dir, join(input), 0, w);
  // A name given on the command line (or by a glob) stays named: only the walks' own files are merged
  // by device and inode (judge-files.ts), so a named file is never dropped as a link to a walked one.
  for (const f of w.found.sort()) if (!out.files.has(f)) out.files.set(f, 1);
  out.unreadable.push(...w.unreadable);
  return w;
}

/**
 * A glob's files, or with a trailing `/` its folders (searched like folders named, `node_modules` and `.git`
 * left out as in any search), under the names the pattern spells. The pattern's literal leading folders
 * are its base: tinyglobby 0.2 lost the working folder's own files when a pattern climbed out of it
 * (`../**\/*.pem`), and a trailing `/` matched files as well.
 */
async function expandGlob(pattern: string, cwd: string): Promise<{ files: string[]; folders: string[] }> {
  const parts = pattern.split("/");
  let literal = 0;
  while (literal < parts.length - 1 && !PATTERN_CHARS.test(parts[literal])) literal++;
  const base = literal > 0 ? parts.slice(0, literal).join("/") || "/" : "";
  const { glob } = await import("tinyglobby");
  const rest = parts.slice(literal).join("/");
  const found = (await glob(rest, { cwd: resolve(cwd, base || "."), dot: false, onlyFiles: false })).sort();
  const named = (match: string) => (base ? join(base, match) : match);
  if (!pattern.endsWith("/")) return { files: found.filter((f) => !f.endsWith("/")).map(named), folders: [] };
  const searchable = (f: string) => f.endsWith("/") && !f.split("/").some((part) => SKIP_DIRS.has(part));
  return { files: [], folders: found.filter(searchable).map((f) => named(f).replace(/\/+$/, "")) };
}

/** A real folder searched: under which name, by which input, and how many files were found in and below it. */
interface Searched {
  shown: string;
  input: number;
  found: number;
}

/**
 * The record of a folder met for the first time, or undefined when it was searched before (a folder of an
 * earlier input that held files is noted). One that cannot be stat'ed has no identity and always counts.
 */
function firstVisit(dir: string, shown: string, w: Walk): Searched | undefined {
  const searched = { shown, input: w.input, found: 0 };
  // BigInt numbers: an inode past 2^53 (overlayfs with xino) would make distinct folders one as a Number.
  let st: BigIntStats | undefined;
  try {
    st = statSync(dir, { bigint: true });
  } catch {
    return searched;
  }
  const id = `${st.dev}:${st.ino}`;
  const earlier = w.folders.get(id);
  if (earlier === undefined) {
    w.folders.set(id, searched);
    return searched;
  }
  // A link back into this walk's own folders is a loop, and an empty folder matched nothing either time.
  if (earlier.input !== w.input && earlier.found > 0) w.searchedAs ??= earlier.shown;
  return undefined;
}

/** A folder entry to search: a folder, or a link to one (the one entry kind whose target needs a stat). */
function isFolder(e: Dirent, dir: string): boolean {
  return e.isDirectory() || (e.isSymbolicLink() && statQuietly(join(dir, e.name))?.isDirectory() === true);
}

/** `dir` is the real path searched, `shown` the same folder under the name the user typed. */
function walk(dir: string, shown: string, depth: number, w: Walk): void {
  const searched = firstVisit(dir, shown, w);
  if (!searched) return;
  if (depth > LIMITS.maxWalkDepth) {
    w.unreadable.push({ path: shown, error: `folder not searched: deeper than ${LIMITS.maxWalkDepth} levels` });
    return;
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    w.unreadable.push({ path: shown, error: `cannot read folder: ${describeFsError(err)}` });
    return;
  }
  const before = w.found.length;
  for (const e of entries) {
    if (isFolder(e, dir)) {
      if (!SKIP_DIRS.has(e.name)) walk(join(dir, e.name), join(shown, e.name), depth + 1, w);
      // Anything else with a certificate's name is listed, a dangling link or a FIFO too, so that the read
      // reports it as unreadable rather than it being silently skipped.
    } else if (CERT_FILE.test(e.name)) w.found.push(join(shown, e.name));
  }
  searched.found = w.found.length - before;
}
