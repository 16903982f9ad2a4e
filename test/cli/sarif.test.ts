import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { FINDING_IDS, FINDINGS } from "../../src/core/findings/registry.js";
import { FIXTURES, ROOT, runCli } from "../helpers/cli.js";
import { sarifSchemaErrors } from "../helpers/sarif.js";

const validate = (log: unknown) => sarifSchemaErrors(log) === "";

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } };
  }[];
  partialFingerprints?: Record<string, string>;
}

async function sarif(args: string[], stdin?: string, cwd?: string) {
  const res = await runCli(["check", ...args, "--format", "sarif", "--at", "2030-01-01"], { stdin, cwd });
  return { ...res, log: JSON.parse(res.stdout) };
}

describe("check --format sarif", () => {
  it("validates against the official SARIF 2.1.0 schema, for several inputs, an unreadable one and stdin", async () => {
    const { log, code } = await sarif(["fixtures/chain/reversed.pem", "fixtures/good/chain.pem", "fixtures/nope.pem"]);
    expect(sarifSchemaErrors(log)).toBe("");
    expect(code).toBe(2);
    const piped = await sarif(["-"], readFileSync(`${ROOT}fixtures/chain/no-root.pem`, "utf8"));
    expect(sarifSchemaErrors(piped.log)).toBe("");
  });

  it("leaves standard input's findings out (a result needs a file) and says so, in the log and on stderr", async () => {
    const piped = await sarif(["-"], readFileSync(`${ROOT}fixtures/chain/no-root.pem`, "utf8"));
    expect(piped.code).toBe(1);
    expect(piped.log.runs[0].results).toEqual([]);
    const [invocation] = piped.log.runs[0].invocations;
    expect(invocation.toolExecutionNotifications[0].message.text).toMatch(
      /^[1-9]\d* finding\(s\) about standard input are not in this log/,
    );
    expect(piped.stderr).toMatch(/[1-9]\d* finding\(s\) about standard input are left out of the SARIF log/);
  });

  it("gives URIs relative to the repository root (SRCROOT), percent-encoded, from any folder", async () => {
    const { log } = await sarif(["reversed.pem"], undefined, `${ROOT}fixtures/chain`);
    expect(log.runs[0].originalUriBaseIds.SRCROOT.uri).toBe(pathToFileURL(ROOT).href);
    const [first] = log.runs[0].results as SarifResult[];
    expect(first.locations?.[0].physicalLocation.artifactLocation).toEqual({
      uri: "fixtures/chain/reversed.pem",
      uriBaseId: "SRCROOT",
    });
    const dir = mkdtempSync(`${tmpdir()}/cpc-sarif-uri-`);
    mkdirSync(`${dir}/.git`);
    for (const name of ["hash#1?.pem", "a:b.pem", "C:\\x.pem", "50%.pem"])
      copyFileSync(`${FIXTURES}chain/reversed.pem`, `${dir}/${name}`);
    const hostile = await sarif(["hash#1?.pem", "a:b.pem", "C:\\x.pem", "50%.pem"], undefined, dir);
    const uris = new Set(
      (hostile.log.runs[0].results as SarifResult[]).map((r) => r.locations?.[0].physicalLocation.artifactLocation.uri),
    );
    expect([...uris]).toEqual(["hash%231%3F.pem", "a%3Ab.pem", "C%3A%5Cx.pem", "50%25.pem"]);
  });

  it("points at a file outside the repository with an absolute file: URI", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-sarif-out-`);
    copyFileSync(`${FIXTURES}chain/reversed.pem`, `${dir}/x y.pem`);
    const { log } = await sarif([`${dir}/x y.pem`]);
    const [first] = log.runs[0].results as SarifResult[];
    expect(first.locations?.[0].physicalLocation.artifactLocation).toEqual({
      uri: pathToFileURL(`${dir}/x y.pem`).href,
    });
  });

  it("rules link to their section of the docs and carry a security-severity; results a stable fingerprint", async () => {
    const { log } = await sarif(["fixtures/chain/reversed.pem"]);
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      helpUri: string;
      properties: Record<string, unknown>;
    }[];
    const reversed = rules.find((r) => r.id === "chain.reversed");
    expect(reversed?.helpUri).toMatch(/\/docs\/findings\.md#chainreversed-chain-in-reverse-order$/);
    expect(reversed?.properties["security-severity"]).toBe("7.5");
    expect(rules.find((r) => r.id === "root.not-publicly-trusted")?.properties["security-severity"]).toBe("1.0");
    const docs = readFileSync(`${ROOT}docs/findings.md`, "utf8");
    for (const r of rules)
      expect(docs, r.id).toContain(`### \`${r.id}\`: ${FINDINGS[r.id as keyof typeof FINDINGS].title}`);
    const again = await sarif(["fixtures/chain/reversed.pem"]);
    const prints = (l: typeof log) => (l.runs[0].results as SarifResult[]).map((r) => r.partialFingerprints);
    expect(prints(again.log)).toEqual(prints(log));
    expect(new Set(prints(log).map((p) => p?.["connectpayCertFinding/v1"])).size).toBe(prints(log).length);
  });

  it("the validator is live: it refuses a log with the wrong version or a result without a message", async () => {
    const { log } = await sarif(["fixtures/chain/reversed.pem"]);
    expect(validate({ ...log, version: "2.0.0" })).toBe(false);
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
  });

  it("has $schema, version 2.1.0, one run, and one rule per registered id with the registry's help text", async () => {
    const { log } = await sarif(["fixtures/good/chain.pem"]);
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      help: { text: string };
      shortDescription: { text: string };
    }[];
    expect(rules.map((r) => r.id)).toEqual(FINDING_IDS);
    const reversed = rules.find((r) => r.id === "chain.reversed");
    expect(reversed?.shortDescription.text).toBe(FINDINGS["chain.reversed"].title);
    for (const text of [FINDINGS["chain.reversed"].why, FINDINGS["chain.reversed"].fix])
      expect(reversed?.help.text).toContain(text);
  });

  it("locates each finding at the file and the BEGIN line of its certificate's PEM block", async () => {
    const { log, code } = await sarif(["fixtures/chain/reversed.pem"]);
    expect(code).toBe(1);
    const results = log.runs[0].results as SarifResult[];
    const reversed = results.find((r) => r.ruleId === "chain.reversed");
    expect(reversed?.level).toBe("error");
    expect(reversed?.locations?.[0].physicalLocation.artifactLocation.uri).toBe("fixtures/chain/reversed.pem");
    // The leaf is the third certificate; its block begins on line 28 of the file.
    expect(reversed?.locations?.[0].physicalLocation.region?.startLine).toBe(28);
    expect(readFileSync(`${ROOT}fixtures/chain/reversed.pem`, "utf8").split("\n")[27]).toBe(
      "-----BEGIN CERTIFICATE-----",
    );
    const rules = log.runs[0].tool.driver.rules as { id: string }[];
    for (const r of results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
    const note = results.find((r) => r.ruleId === "root.not-publicly-trusted");
    expect(note?.level).toBe("note");
    expect(note?.locations?.[0].physicalLocation.region?.startLine).toBe(1);
  });

  it("a finding about the whole file points at its first line; one about a block at the block's BEGIN line", async () => {
    const { log } = await sarif(["fixtures/format/bag-attributes.pem"]);
    const extra = (log.runs[0].results as SarifResult[]).find((r) => r.ruleId === "format.extra-text");
    expect(extra?.locations?.[0].physicalLocation.artifactLocation.uri).toBe("fixtures/format/bag-attributes.pem");
    expect(extra?.locations?.[0].physicalLocation.region).toEqual({ startLine: 1 });
    const dir = mkdtempSync(`${tmpdir()}/cpc-sarif-block-`);
    const chain = readFileSync(`${FIXTURES}good/chain.pem`, "utf8");
    const broken = `${chain}-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n`;
    const file = `${dir}/broken.pem`;
    writeFileSync(file, broken);
    const malformed = await sarif([file]);
    const m = (malformed.log.runs[0].results as SarifResult[]).find((r) => r.ruleId === "format.malformed");
    expect(m?.locations?.[0].physicalLocation.region?.startLine).toBe(chain.split("\n").length);
  });
});

describe("docs/ci.md's upload-sarif step", () => {
  it("runs as written and produces a valid log", async () => {
    const readme = readFileSync(`${ROOT}docs/ci.md`, "utf8");
    const line = readme.split("\n").find((l) => l.includes("connectpay-cert check") && l.includes("--format sarif"));
    expect(line).toBeDefined();
    expect(readme).toMatch(
      /uses: github\/codeql-action\/upload-sarif@v3\n\s+if: always\(\)\n\s+with:\n\s+sarif_file: connectpay-cert\.sarif/,
    );
    const argv = (line ?? "")
      .slice((line ?? "").indexOf("check"))
      .split(">")[0]
      .trim()
      .split(/\s+/);
    const res = await runCli(argv.map((a) => (a === "certs/" ? "fixtures/chain/" : a)).concat("--at", "2030-01-01"));
    expect(res.code).toBe(1);
    expect(sarifSchemaErrors(JSON.parse(res.stdout))).toBe("");
  });
});
