import { statSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The folder code-scanning paths are relative to: the nearest folder at or above `cwd` that holds `.git`
 * (a directory, or the file a worktree or submodule has), else `cwd` itself. Looked up by name only, so
 * no git has to be installed and nothing is run.
 */
export function repoRoot(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    try {
      statSync(join(dir, ".git"));
      return dir;
    } catch {
      // not here: one folder up
    }
    if (dirname(dir) === dir) return cwd;
  }
}
