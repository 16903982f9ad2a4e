import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";
import { multitoolComplaints, multitoolMissing } from "../helpers/sarif.js";

// The SARIF Multitool (npm: @microsoft/sarif-multitool, a devDependency) with SARIF's own rules and GitHub's
// (`--rule-kind "Sarif;Gh"`): what the schema cannot say, such as URIs that are no RFC 3986 reference, a
// relative URI starting with `/`, or a result without a location that GitHub would refuse.
const title = multitoolMissing ? `SARIF Multitool (skipped: ${multitoolMissing})` : "SARIF Multitool";

let dir: string;
beforeAll(() => {
  // A repository of its own, with the file names that broke URIs: `#` and `?`, a colon that reads as a scheme.
  dir = mkdtempSync(`${tmpdir()}/cpc-multitool-repo-`);
  mkdirSync(`${dir}/.git`);
  mkdirSync(`${dir}/certs/sub`, { recursive: true });
  for (const name of ["hash#1?.pem", "a:b.pem", "sub/space d.pem"])
    copyFileSync(`${FIXTURES}chain/reversed.pem`, `${dir}/certs/${name}`);
  copyFileSync(`${FIXTURES}format/bag-attributes.pem`, `${dir}/certs/sub/bag.pem`);
});

const check = (args: string[], opts: { cwd?: string; stdin?: string } = {}) =>
  runCli(["check", ...args, "--format", "sarif", "--at", "2030-01-01"], opts);

describe.skipIf(Boolean(multitoolMissing))(title, () => {
  it("has no error or warning for files in the repository from a subfolder, one outside it, and stdin; names what GitHub refuses in a log of the old shape", async () => {
    const files = await check(["..", "../hash#1?.pem", `${FIXTURES}chain/duplicate.pem`, "missing.pem"], {
      cwd: `${dir}/certs/sub`,
    });
    expect(files.code).toBe(2);
    expect(JSON.parse(files.stdout).runs[0].results.length).toBeGreaterThan(8);
    const stdin = await check(["-"], { stdin: readFileSync(`${FIXTURES}chain/reversed.pem`, "utf8") });
    expect(stdin.code).toBe(1);
    // The old shape: the path as given (`#` and `?` raw, a leading `/`) and a result without a location.
    const old = JSON.parse((await check([`${dir}/certs/hash#1?.pem`])).stdout);
    old.runs[0].results[0].locations[0].physicalLocation.artifactLocation = { uri: `${dir}/certs/hash#1?.pem` };
    delete old.runs[0].results[1].locations;
    const [forFiles, forStdin, forOld] = multitoolComplaints(files.stdout, stdin.stdout, JSON.stringify(old));
    expect(forFiles).toEqual([]);
    expect(forStdin).toEqual([]);
    expect(forOld.some((c) => c.startsWith("SARIF1002:"))).toBe(true);
    expect(forOld.some((c) => c.startsWith("SARIF1004:"))).toBe(true);
    expect(forOld.some((c) => /^GH\d+:/.test(c))).toBe(true);
    // A hang guard, not a timing: the Multitool is a .NET program that takes seconds to start on 2 busy cores.
  }, 180_000);
});

it.runIf(Boolean(multitoolMissing))(`SARIF Multitool checks skipped: ${multitoolMissing}`, () => {
  console.warn(`test/report/sarif-multitool.test.ts: skipped: ${multitoolMissing}`);
});

// The binary comes with `npm ci` (an optional dependency per platform): in CI, not running is a failure.
it.runIf(Boolean(process.env.CI))("has a working SARIF Multitool in CI", () => {
  expect(multitoolMissing).toBeUndefined();
});
