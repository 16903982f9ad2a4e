import { readFileSync } from "node:fs";
import Ajv from "ajv";
import draft04 from "ajv/lib/refs/json-schema-draft-04.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { FINDING_IDS, FINDINGS } from "../../src/core/findings/registry.js";
import { ROOT, runCli } from "../helpers/cli.js";

// The official SARIF 2.1.0 schema (draft-04), as shipped by @microsoft/jest-sarif; ajv 6 validates draft-04.
const schema = JSON.parse(
  readFileSync(`${ROOT}node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json`, "utf8"),
);
const ajv = new Ajv({ schemaId: "auto", validateSchema: false, allErrors: true });
ajv.addMetaSchema(draft04);
const validate = ajv.compile(schema);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
}

async function sarif(args: string[], stdin?: string) {
  const res = await runCli(["check", ...args, "--format", "sarif", "--at", "2030-01-01"], { stdin });
  return { ...res, log: JSON.parse(res.stdout) };
}

describe("check --format sarif", () => {
  it("validates against the official SARIF 2.1.0 schema, for several inputs, an unreadable one and stdin", async () => {
    const { log, code } = await sarif(["fixtures/chain/reversed.pem", "fixtures/good/chain.pem", "fixtures/nope.pem"]);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(code).toBe(2);
    const piped = await sarif(["-"], readFileSync(`${ROOT}fixtures/chain/no-root.pem`, "utf8"));
    expect(validate(piped.log), ajv.errorsText(validate.errors)).toBe(true);
    expect(piped.log.runs[0].results[0].locations).toBeUndefined();
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

  it("a finding about the whole file has no line", async () => {
    const { log } = await sarif(["fixtures/format/bag-attributes.pem"]);
    const extra = (log.runs[0].results as SarifResult[]).find((r) => r.ruleId === "format.extra-text");
    expect(extra?.locations?.[0].physicalLocation.artifactLocation.uri).toBe("fixtures/format/bag-attributes.pem");
    expect(extra?.locations?.[0].physicalLocation.region).toBeUndefined();
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
    expect(validate(JSON.parse(res.stdout)), ajv.errorsText(validate.errors)).toBe(true);
  });
});
