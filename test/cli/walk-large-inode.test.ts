import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// Review of issue 28 (9f8c4b0, read-bounded.ts FileIds): files a walk found are merged by the read's fstat
// dev+ino, as Numbers. Inode numbers above 2^53 (overlayfs with xino, which puts the layer in the high bits;
// Lustre's flattened FIDs) round to one Number, so distinct files of a folder read as one: a regression judged the
// first file and silently skips the rest (exit 0). cdaf42f was wrong too, differently: its shared stat set
// took the folder's own rounded id for the files', and it failed with "matched no file" (exit 2).
// Needs root and mount(8) to build the overlay; skipped elsewhere.
const mounted: string[] = [];
function overlayFolder(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const root = mkdtempSync(join(tmpdir(), "cpc-review-xino-"));
  const [lower, upper, work, merged] = ["lower", "upper", "work", "merged"].map((d) => join(root, d));
  for (const d of [lower, upper, work, merged]) mkdirSync(d);
  try {
    // The lower layer on another file system than the upper: xino=on then sets the high inode bits.
    execFileSync("mount", ["-t", "tmpfs", "none", lower]);
    mounted.push(lower);
    mkdirSync(join(lower, "certs"));
    for (let i = 1; i <= 5; i++) copyFileSync(`${FIXTURES}good/chain.pem`, join(lower, `certs/c${i}.pem`));
    execFileSync("mount", [
      "-t",
      "overlay",
      "overlay",
      "-o",
      `lowerdir=${lower},upperdir=${upper},workdir=${work},xino=on`,
      merged,
    ]);
    mounted.unshift(merged);
  } catch {
    return undefined;
  }
  return merged;
}

afterAll(() => {
  for (const m of mounted) execFileSync("umount", [m]);
});

describe("a folder whose files have inode numbers above 2^53", () => {
  const cwd = overlayFolder();
  it.skipIf(!cwd)("judges every file", async () => {
    // Node's Number stat: every file here reads as one inode, 9223372036854776000.
    const ino = statSync(join(cwd as string, "certs/c1.pem")).ino;
    expect(Number.isSafeInteger(ino)).toBe(false);
    expect(statSync(join(cwd as string, "certs/c2.pem")).ino).toBe(ino);
    const res = await runCli(["check", "certs", "--json", "--at", "2030-01-01"], { cwd });
    const inputs = JSON.parse(res.stdout).results.map((r: { input: string }) => r.input);
    // Once: ["certs/c1.pem"] and exit 0, four bundles never judged.
    expect(inputs).toEqual([1, 2, 3, 4, 5].map((i) => `certs/c${i}.pem`));
    expect(res.code).toBe(0);
  });
});
