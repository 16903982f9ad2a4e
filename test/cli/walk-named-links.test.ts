import { copyFileSync, linkSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// Review of issue 28 (9f8c4b0, inputs.ts/judge-files.ts): a file named on the command line is judged as
// named, as cdaf42f did; only the files a folder walk found are merged by device and inode. expandInputs now
// marks a named file "walked" when a folder named beside it also contains it, so the read-time dedup drops
// it (or drops the walk's other name for it): results named by the user vanish from the report.
const inputs = (stdout: string) => JSON.parse(stdout).results.map((r: { input: string }) => r.input);

function folder(link: "hard" | "symbolic"): string {
  const cwd = mkdtempSync(join(tmpdir(), "cpc-review-"));
  mkdirSync(join(cwd, "certs"));
  copyFileSync(`${FIXTURES}good/chain.pem`, join(cwd, "certs/client-2026.pem"));
  if (link === "hard") linkSync(join(cwd, "certs/client-2026.pem"), join(cwd, "certs/client.pem"));
  else symlinkSync("client-2026.pem", join(cwd, "certs/client.pem"));
  return cwd;
}

describe("a file named on the command line beside a folder that holds it under another name", () => {
  for (const link of ["hard", "symbolic"] as const) {
    it(`is judged (${link} link, folder first)`, async () => {
      const cwd = folder(link);
      const res = await runCli(["check", "certs", "certs/client.pem", "--json", "--at", "2030-01-01"], { cwd });
      expect(res.code).toBe(0);
      // cdaf42f: ["certs/client-2026.pem", "certs/client.pem"] (a regression once dropped the named name).
      expect(inputs(res.stdout)).toEqual(["certs/client-2026.pem", "certs/client.pem"]);
    });

    it(`is judged, and the walk's file too (${link} link, named file first)`, async () => {
      const cwd = folder(link);
      const res = await runCli(["check", "certs/client.pem", "certs", "--json", "--at", "2030-01-01"], { cwd });
      expect(res.code).toBe(0);
      // cdaf42f: the named file, then the walk's first name for the same file (a regression once dropped the walk's).
      expect(inputs(res.stdout)).toEqual(["certs/client.pem", "certs/client-2026.pem"]);
    });
  }

  it("is judged when a glob found it beside the folder's walk (hard link)", async () => {
    const cwd = folder("hard");
    const res = await runCli(["check", "certs", "certs/*.pem", "--json", "--at", "2030-01-01"], { cwd });
    // cdaf42f judged both names (the glob's files are not merged by inode) (a regression once dropped certs/client.pem).
    expect(inputs(res.stdout)).toEqual(["certs/client-2026.pem", "certs/client.pem"]);
  });

  it("keeps its Prometheus series (a named file's alert must not go silent)", async () => {
    const cwd = folder("symbolic");
    const res = await runCli(["check", "certs", "certs/client.pem", "--format", "prometheus", "--at", "2030-01-01"], {
      cwd,
    });
    expect(res.stdout).toMatch(/connectpay_cert_check_ok\{file="certs\/client\.pem"\} 1/);
  });
});
