import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_IDS, FINDINGS } from "../src/core/findings/registry.js";
import { ROOT } from "./helpers/cli.js";

const readme = readFileSync(`${ROOT}README.md`, "utf8");

describe("README stays in step with the code", () => {
  it("has a row, with the right severity, for every finding id and none for ids that do not exist", () => {
    const rows = [...readme.matchAll(/^\| `([a-z]+\.[a-z-]+)`\s*\| ([^|]+?)\s*\|/gm)].map((m) => [m[1], m[2].trim()]);
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

  it("shows the two front-door commands", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
  });
});
