import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { issue } from "../../src/lab/make-certs.js";
import { FIXTURES, ROOT, runCli } from "../helpers/cli.js";

const ciSection = readFileSync(`${ROOT}docs/ci.md`, "utf8");

/** The `connectpay-cert check …` command line of docs/ci.md for one format, as written there. */
function ciLine(doc: string, format: string): string | undefined {
  return doc.split("\n").find((l) => l.includes("connectpay-cert check") && l.includes(`--format ${format}`));
}

/** The `connectpay-cert check …` command lines of docs/ci.md, as written there. */
function readmeCommand(format: string): string[] {
  const line = ciLine(ciSection, format);
  if (!line) throw new Error(`docs/ci.md has no ${format} example`);
  const command = line.slice(line.indexOf("connectpay-cert check") + "connectpay-cert ".length).split(/\s*[>;]/)[0];
  return command.trim().split(/\s+/);
}

let certs: string;
beforeAll(() => {
  certs = mkdtempSync(`${tmpdir()}/cpc-ci-`);
  mkdirSync(`${certs}/prod`);
  copyFileSync(`${FIXTURES}good/chain.pem`, `${certs}/prod/chain.pem`);
  copyFileSync(`${FIXTURES}chain/reversed.pem`, `${certs}/reversed.pem`);
  copyFileSync(`${FIXTURES}leaf/server-auth-only.pem`, `${certs}/server-auth.crt`);
  writeFileSync(`${certs}/notes.txt`, "not a certificate and not searched");
});

async function runReadme(format: string) {
  const argv = readmeCommand(format).map((a) => (a === "certs/" || a === "/etc/connectpay/" ? certs : a));
  return runCli([...argv, "--at", "2098-12-20"]);
}

describe("docs/ci.md examples, run as written", () => {
  it("README's one CI example is docs/ci.md's GitHub Actions step, word for word", () => {
    const readme = readFileSync(`${ROOT}README.md`, "utf8");
    expect(ciLine(readme, "github")).toBeDefined();
    expect(ciLine(readme, "github")).toBe(ciLine(ciSection, "github"));
  });

  it("GitHub Actions: workflow commands in the right syntax", async () => {
    const res = await runReadme("github");
    expect(res.code).toBe(1);
    const lines = res.stdout.trim().split("\n");
    const commands = lines.filter((l) => l.startsWith("::"));
    for (const c of commands)
      expect(c).toMatch(/^::(error|warning|notice) file=[^,:]+,(line=[1-9]\d*,)?title=[^,:]+::[^\n]+$/);
    expect(
      commands.some((c) =>
        c.startsWith(`::error file=${certs}/reversed.pem,line=28,title=connectpay-cert chain.reversed::`),
      ),
    ).toBe(true);
    // 2098-12-20 is within --fail-days 14 of the good leaf's expiry: an error, not a warning.
    expect(
      commands.some((c) =>
        c.startsWith(`::error file=${certs}/prod/chain.pem,line=1,title=connectpay-cert validity.expiring-soon::`),
      ),
    ).toBe(true);
    expect(lines.at(-1)).toBe("connectpay-cert: 3 file(s) checked: 0 accepted, 3 rejected, 0 unreadable");
  });

  it("GitLab: well-formed JUnit XML, one test case per bundle", async () => {
    const res = await runReadme("junit");
    expect(XMLValidator.validate(res.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(res.stdout);
    const suite = doc.testsuites.testsuite;
    expect(suite["@_tests"]).toBe("3");
    expect(suite["@_failures"]).toBe("3");
    expect(suite.testcase.map((t: Record<string, string>) => t["@_name"]).sort()).toEqual(
      [`${certs}/prod/chain.pem`, `${certs}/reversed.pem`, `${certs}/server-auth.crt`].sort(),
    );
  });

  it("node_exporter: valid Prometheus text exposition", async () => {
    const res = await runReadme("prometheus");
    assertValidExposition(res.stdout);
    expect(res.stdout).toMatch(new RegExp(`^connectpay_cert_check_ok\\{file="${certs}/prod/chain\\.pem"\\} 1$`, "m"));
    expect(res.stdout).toMatch(
      /^connectpay_cert_not_after_timestamp_seconds\{file="[^"]+",subject="CN=payments\.acme\.example, O=Acme Payments UAB, C=LT",serial="[0-9A-F]+",role="leaf",subject_cn="payments\.acme\.example"\} 4070908799$/m,
    );
  });
});

/**
 * Checks the exposition grammar: HELP/TYPE before samples, each family contiguous, valid names/labels/values.
 * A sample without labels is valid (the run timestamp); test/report/promtool.test.ts asks promtool itself.
 */
function assertValidExposition(text: string) {
  const seen = new Set<string>();
  let current = "";
  for (const line of text.trimEnd().split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === "HELP") {
        expect(seen.has(meta[2]), `family ${meta[2]} split`).toBe(false);
        seen.add(meta[2]);
        current = meta[2];
      } else expect(meta[3]).toMatch(/^(gauge|counter|untyped|histogram|summary)$/);
      continue;
    }
    const sample =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (-?[0-9]+(?:\.[0-9]+)?)$/.exec(
        line,
      );
    expect(sample, line).not.toBeNull();
    expect(sample?.[1]).toBe(current);
  }
}

describe("many inputs", () => {
  it("judges each file of a directory on its own and counts them", async () => {
    const res = await runCli(["check", certs, "--json", "--at", "2030-01-01"]);
    const doc = JSON.parse(res.stdout);
    expect(doc.summary).toEqual({ files: 3, accepted: 1, rejected: 2, unreadable: 0 });
    expect(res.code).toBe(1);
  });

  it("a folder of 1,000 files (a run that tunes V8's heap growth) is read whole, each file once", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-many-`);
    // Text without a certificate is skipped after its read: the run stays cheap and every file is still met.
    for (let i = 0; i < 999; i++) writeFileSync(`${dir}/note-${String(i).padStart(3, "0")}.pem`, "not yet issued\n");
    copyFileSync(`${FIXTURES}good/chain.pem`, `${dir}/z-chain.pem`);
    const res = await runCli(["check", dir, "--json", "--at", "2030-01-01"]);
    const doc = JSON.parse(res.stdout);
    expect(doc.summary).toEqual({ files: 1, accepted: 1, rejected: 0, unreadable: 0, skipped: 999 });
    expect(res.code).toBe(0);
  });

  it("expands quoted globs", async () => {
    const res = await runCli([
      "check",
      "fixtures/chain/re*.pem",
      "fixtures/good/chain*.pem",
      "--json",
      "--at",
      "2030-01-01",
    ]);
    expect(JSON.parse(res.stdout).results.map((r: { input: string }) => r.input)).toEqual([
      "fixtures/chain/reversed.pem",
      "fixtures/good/chain-crlf.pem",
      "fixtures/good/chain.pem",
    ]);
  });

  // As a shell would expand them: tinyglobby 0.2 dropped the working folder's own files from a pattern that
  // climbs out of it, and matched files with a trailing `/`, so an expired certificate passed unjudged.
  it("expands globs that climb out of the working folder, and a trailing / as folders, as a shell would", async () => {
    const root = mkdtempSync(`${tmpdir()}/cpc-glob-`);
    for (const dir of ["staging", "prod", "prod/team"]) mkdirSync(`${root}/${dir}`);
    copyFileSync(`${FIXTURES}good/chain.pem`, `${root}/staging/ok.pem`);
    copyFileSync(`${FIXTURES}chain/reversed.pem`, `${root}/prod/reversed.pem`);
    copyFileSync(`${FIXTURES}good/chain.pem`, `${root}/prod/team/ok.pem`);
    const inputs = async (pattern: string, cwd = `${root}/prod`) => {
      const res = await runCli(["check", pattern, "--json", "--at", "2030-01-01"], { cwd });
      return { code: res.code, inputs: JSON.parse(res.stdout).results.map((r: { input: string }) => r.input) };
    };
    expect(await inputs("../*/*.pem")).toEqual({ code: 1, inputs: ["../prod/reversed.pem", "../staging/ok.pem"] });
    expect((await inputs("../**/*.pem")).inputs).toEqual([
      "../prod/reversed.pem",
      "../prod/team/ok.pem",
      "../staging/ok.pem",
    ]);
    const up = `../../${basename(root)}`;
    expect((await inputs(`${up}/*/*.pem`)).inputs).toEqual([`${up}/prod/reversed.pem`, `${up}/staging/ok.pem`]);
    expect(await inputs("*/", root)).toEqual({
      code: 1,
      inputs: ["prod/reversed.pem", "prod/team/ok.pem", "staging/ok.pem"],
    });
    expect(await inputs(`${root}/prod/*/`)).toEqual({ code: 0, inputs: [`${root}/prod/team/ok.pem`] });
    // An extglob is a pattern, not a folder's name; `*` without `/` stays the files beside it.
    expect((await inputs("+(prod|staging)/*.pem", root)).inputs).toEqual(["prod/reversed.pem", "staging/ok.pem"]);
    expect((await inputs("*", `${root}/prod`)).inputs).toEqual(["reversed.pem"]);
  });

  it("leaves node_modules out of the folders a glob matches, and notes folders searched before (found in review)", async () => {
    const root = mkdtempSync(`${tmpdir()}/cpc-glob-dirs-`);
    for (const dir of ["certs", "certs/prod", "node_modules", "node_modules/pkg"]) mkdirSync(`${root}/${dir}`);
    copyFileSync(`${FIXTURES}good/chain.pem`, `${root}/certs/prod/ok.pem`);
    copyFileSync(`${FIXTURES}chain/reversed.pem`, `${root}/node_modules/pkg/test.pem`);
    const all = await runCli(["check", "*/", "--json", "--at", "2030-01-01"], { cwd: root });
    expect(JSON.parse(all.stdout).results.map((r: { input: string }) => r.input)).toEqual(["certs/prod/ok.pem"]);
    const twice = await runCli(["check", "certs", "certs/*/", "--at", "2030-01-01"], { cwd: root });
    expect(twice.code).toBe(0);
    expect(twice.stderr).toContain("certs/*/: a folder already searched as certs/prod");
  });

  it("reports an unreadable file and a glob without matches per input, still judges the rest, exits 2", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-bad-`);
    copyFileSync(`${FIXTURES}good/chain.pem`, `${dir}/good.pem`);
    symlinkSync(`${dir}/gone.pem`, `${dir}/dangling.pem`);
    const res = await runCli(["check", dir, `${dir}/*.crt`, "--json", "--at", "2030-01-01"]);
    expect(res.code).toBe(2);
    const doc = JSON.parse(res.stdout);
    expect(doc.summary).toEqual({ files: 3, accepted: 1, rejected: 0, unreadable: 2 });
    expect(doc.results.find((r: { input: string }) => r.input.endsWith("dangling.pem")).error).toMatch(/no such file/);
    expect(res.stderr).toMatch(/\*\.crt matched no file/);
  });

  it("--scope leaf ignores an expired root while --scope chain reports it", async () => {
    const root = await issue({
      subject: "CN=Short Root",
      ca: true,
      notBefore: new Date("2020-01-01"),
      notAfter: new Date("2029-01-01"),
    });
    const int = await issue({
      subject: "CN=Long Int",
      ca: true,
      issuer: root,
      notBefore: new Date("2020-01-01"),
      notAfter: new Date("2040-01-01"),
    });
    const leaf = await issue({
      subject: "CN=leaf",
      issuer: int,
      clientAuth: true,
      notBefore: new Date("2020-01-01"),
      notAfter: new Date("2040-01-01"),
    });
    const file = `${mkdtempSync(`${tmpdir()}/cpc-scope-`)}/chain.pem`;
    writeFileSync(file, leaf.pem + int.pem + root.pem);
    const chain = await runCli(["check", file, "--json", "--at", "2030-01-01"]);
    expect(JSON.parse(chain.stdout).results[0].findings.map((f: { id: string }) => f.id)).toContain("validity.expired");
    const leafOnly = await runCli(["check", file, "--json", "--scope", "leaf", "--at", "2030-01-01"]);
    expect(JSON.parse(leafOnly.stdout).results[0].findings.map((f: { id: string }) => f.id)).not.toContain(
      "validity.expired",
    );
  });
});
