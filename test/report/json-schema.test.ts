import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_IDS } from "../../src/core/findings/registry.js";
import { FIXTURES, ROOT, runCli } from "../helpers/cli.js";
import { COMMANDS_WITH_JSON, SCHEMA_DIR, schemaErrors } from "../helpers/json-schemas.js";

// runCli validates every --json output of the suite against schemas/v1 (test/helpers/json-schemas.ts); this
// file checks the schemas themselves and what they promise.
describe("the JSON Schemas of schemas/v1", () => {
  it("are draft 2020-12, one per command with --json, each with a versioned $id", () => {
    const files = readdirSync(SCHEMA_DIR).sort();
    expect(files).toEqual([...COMMANDS_WITH_JSON, "common"].map((c) => `${c}.schema.json`).sort());
    for (const file of files) {
      const schema = JSON.parse(readFileSync(`${SCHEMA_DIR}${file}`, "utf8"));
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toMatch(new RegExp(`/schemas/v1/${file.replace(".", "\\.")}$`));
    }
  });

  it("are live: they refuse a renamed field, a wrong type and a second schema version", async () => {
    const { stdout } = await runCli(["check", `${FIXTURES}chain/reversed.pem`, "--json", "--at", "2030-01-01"]);
    const doc = JSON.parse(stdout);
    expect(schemaErrors("check", doc)).toBe("");
    const renamed = structuredClone(doc);
    renamed.results[0].findings[0].rule = renamed.results[0].findings[0].id;
    delete renamed.results[0].findings[0].id;
    expect(schemaErrors("check", renamed)).not.toBe("");
    expect(schemaErrors("check", { ...doc, ok: "no" }, { open: true })).not.toBe("");
    expect(schemaErrors("check", { ...doc, schemaVersion: 2 }, { open: true })).not.toBe("");
    // As shipped, a field the schema does not name is accepted: fields are only ever added.
    expect(schemaErrors("check", { ...doc, later: 1 }, { open: true })).toBe("");
    expect(schemaErrors("check", { ...doc, later: 1 })).not.toBe("");
  });

  it("docs/json.md names each schema file", () => {
    const doc = readFileSync(`${ROOT}docs/json.md`, "utf8");
    for (const c of COMMANDS_WITH_JSON) expect(doc).toContain(`schemas/v1/${c}.schema.json`);
  });
});

describe("explain --json", () => {
  it("lists every finding with its texts and the link to its section of docs/findings.md", async () => {
    const res = await runCli(["explain", "--json"]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.findings.map((f: { id: string }) => f.id)).toEqual(FINDING_IDS);
    const reversed = doc.findings.find((f: { id: string }) => f.id === "chain.reversed");
    expect(reversed).toMatchObject({ severity: "error", group: "check", title: "Chain in reverse order" });
    expect(reversed.helpUri).toMatch(/\/docs\/findings\.md#chainreversed-chain-in-reverse-order$/);
  });

  it("gives one finding for an id", async () => {
    const res = await runCli(["explain", "chain.reversed", "--json"]);
    expect(JSON.parse(res.stdout).findings.map((f: { id: string }) => f.id)).toEqual(["chain.reversed"]);
  });
});

describe("check --json certificates", () => {
  it("carry SANs, key usage and extended key usage as inspect --json gives them", async () => {
    const file = `${FIXTURES}good/chain.pem`;
    const check = JSON.parse((await runCli(["check", file, "--json", "--at", "2030-01-01"])).stdout);
    const inspect = JSON.parse((await runCli(["inspect", file, "--json", "--at", "2030-01-01"])).stdout);
    const pick = (c: Record<string, unknown>) => [c.subjectAltNames, c.keyUsage, c.extendedKeyUsage];
    expect(check.results[0].certificates.map(pick)).toEqual(inspect.certificates.map(pick));
    expect(pick(check.results[0].certificates[0])).toEqual([
      ["DNS:payments.acme.example"],
      ["digitalSignature"],
      ["clientAuth"],
    ]);
  });
});
