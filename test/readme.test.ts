import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROBE_FINDINGS, RULES } from "../src/core/rules/index.js";

const ALL = [...RULES, ...PROBE_FINDINGS];

import { ROOT } from "./helpers/cli.js";

const readme = readFileSync(`${ROOT}README.md`, "utf8");

describe("README stays in step with the code", () => {
  it("has a row, with the right severity, for every rule id and none for ids that do not exist", () => {
    const rows = [...readme.matchAll(/^\| `([a-z]+\.[a-z-]+)`\s*\| ([^|]+?)\s*\|/gm)].map((m) => [m[1], m[2].trim()]);
    const documented = new Map(rows as [string, string][]);
    for (const rule of ALL) {
      const severity = documented.get(rule.id);
      expect(severity, rule.id).toBeDefined();
      const want = rule.severity === "warning|error" ? /^warning, or error/ : new RegExp(`^${rule.severity}$`);
      expect(severity, rule.id).toMatch(want);
    }
    expect([...documented.keys()].filter((id) => !ALL.some((r) => r.id === id))).toEqual([]);
  });

  it("shows the two front-door commands", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
  });
});
