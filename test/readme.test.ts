import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { FINDING_IDS } from "../src/core/findings/registry.js";
import { ROOT } from "./helpers/cli.js";

// README is the front door; the reference lives in docs/ (see test/docs.test.ts), which the npm package
// ships beside it, so README links there relatively and the links work in the installed package too.
const readme = readFileSync(`${ROOT}README.md`, "utf8");

describe("README is the short front door", () => {
  it("shows the two front-door commands", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
  });

  it("stays short, with no line over 200 characters", () => {
    const lines = readme.split("\n");
    expect(lines.length).toBeLessThanOrEqual(220);
    expect(lines.filter((l) => [...l].length > 200)).toEqual([]);
  });

  it("names no path a user of the npm package does not have", () => {
    expect(readme).not.toMatch(/\b(fixtures|src|test|scripts|bench|examples)\//);
    // Every link is relative and into docs/, which the package ships: it works in the tarball and on GitHub.
    const targets = [
      ...[...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]),
      ...[...readme.matchAll(/^\[[^\]]+\]: (\S+)/gm)].map((m) => m[1]),
    ];
    expect(targets.filter((t) => !/^docs\/[a-z-]+\.md(#[a-z0-9-]+)?$/.test(t))).toEqual([]);
    expect(pkg.files).toContain("docs/");
  });

  it("links each docs/ page, and each of those pages exists", () => {
    const links = [...readme.matchAll(/^\[[^\]]+\]: (docs\/\S+)/gm)].map((m) => m[1]);
    for (const link of links) expect(existsSync(`${ROOT}${link}`), link).toBe(true);
    for (const page of ["commands", "findings", "ci", "json", "limits", "development", "verdict", "prometheus"])
      expect(links).toContain(`docs/${page}.md`);
  });

  it("names only finding ids that exist", () => {
    const ids = [...readme.matchAll(/^\| `([a-z]+\.[a-z-]+)`/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !(FINDING_IDS as string[]).includes(id))).toEqual([]);
  });
});
