import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProgram } from "../src/cli/program.js";
import { FINDING_IDS, FINDINGS } from "../src/core/findings/registry.js";
import { spliceCommandsDoc } from "../src/report/commands-doc.js";
import { renderFindingsReference } from "../src/report/findings-doc.js";
import { quietIo, ROOT } from "./helpers/cli.js";

// docs/findings.md is generated from src/core/findings/, and docs/commands.md's option tables from the
// commander definitions in src/cli/commands/; run `npm run docs` after changing either.
const findingsDoc = readFileSync(`${ROOT}docs/findings.md`, "utf8");

describe("generated docs match the code", () => {
  it("docs/findings.md", () => {
    expect(findingsDoc).toBe(renderFindingsReference());
  });

  it("docs/commands.md's option tables", () => {
    const doc = readFileSync(`${ROOT}docs/commands.md`, "utf8");
    const program = createProgram(quietIo(), () => {});
    expect(doc).toBe(spliceCommandsDoc(doc, program));
  });

  it("docs/commands.md's --format row names every format check writes", async () => {
    const { FORMATS } = await import("../src/report/check-reporter.js");
    const doc = readFileSync(`${ROOT}docs/commands.md`, "utf8");
    const row = /^\| `--format <f>` +\|(.*)\|$/m.exec(doc)?.[1] ?? "";
    for (const format of FORMATS) expect(row, format).toContain(`\`${format}\``);
  });

  it("the reference names every registry field of an id", () => {
    const doc = renderFindingsReference();
    expect(doc).toContain("### `tls.ca-not-accepted`: CA not accepted by the server");
    expect(doc).toContain("- **Severity:** warning, or error when the handshake was then refused");
    expect(doc).toContain("- **Source:** RFC 8446 §4.2.4 certificate_authorities / RFC 5246 §7.4.4");
  });

  it("the summary tables have a row, with the right severity, for every finding id and none for ids that do not exist", () => {
    const rows = [...findingsDoc.matchAll(/^\| `([a-z]+\.[a-z-]+)`\s*\| ([^|]+?)\s*\|/gm)].map((m) => [
      m[1],
      m[2].trim(),
    ]);
    const documented = new Map(rows as [string, string][]);
    for (const id of FINDING_IDS) {
      const def = FINDINGS[id];
      const severity = documented.get(id);
      expect(severity, id).toBeDefined();
      const want = "escalation" in def ? /^warning, or error/ : new RegExp(`^${def.severity}$`);
      expect(severity, id).toMatch(want);
    }
    expect([...documented.keys()].filter((id) => !(FINDING_IDS as string[]).includes(id))).toEqual([]);
  });
});
