import { readdir, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";

/** File extensions a directory is searched for (issue 5). */
const CERT_FILE = /\.(pem|crt|cer|der|p7b)$/i;
const SKIP_DIRS = new Set(["node_modules", ".git"]);
const GLOB_CHARS = /[*?[\]{}]/;

export interface ExpandedInputs {
  /** display names (as given, or relative to the working directory), in a stable order */
  files: string[];
  /** inputs that named nothing: missing paths and globs without matches */
  unmatched: string[];
}

/** Files, directories (recursive) and glob patterns to the list of files to judge; `-` stays stdin. */
export async function expandInputs(inputs: string[], cwd: string): Promise<ExpandedInputs> {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const input of inputs) {
    if (input === "-") {
      files.push(input);
      continue;
    }
    const info = await stat(resolve(cwd, input)).catch(() => undefined);
    if (info?.isDirectory()) {
      const root = resolve(cwd, input);
      const found = await walk(root);
      // Shown under the path the user typed, so absolute stays absolute and relative stays relative.
      files.push(...found.map((f) => join(input, relative(root, f))).sort());
      if (found.length === 0) unmatched.push(input);
    } else if (!info && GLOB_CHARS.test(input)) {
      const { glob } = await import("tinyglobby");
      const found = (await glob(input, { cwd, dot: false, onlyFiles: true })).sort();
      files.push(...found);
      if (found.length === 0) unmatched.push(input);
    } else files.push(input);
  }
  return { files: [...new Set(files)], unmatched };
}

async function walk(dir: string, depth = 0): Promise<string[]> {
  if (depth > 32) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory());
    if (isDir && !SKIP_DIRS.has(e.name)) out.push(...(await walk(path, depth + 1)));
    // A dangling link is listed too, so it is reported as unreadable rather than silently skipped.
    else if (!isDir && (e.isFile() || e.isSymbolicLink()) && CERT_FILE.test(e.name)) out.push(path);
  }
  return out;
}
