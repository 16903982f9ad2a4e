import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { FINDING_IDS } from "../src/core/findings/registry.js";
import { ROOT } from "./helpers/cli.js";

// README is the front door, and the npm package ships it alone: the reference lives in docs/ (see
// test/docs.test.ts), and README links there by absolute URL, since the package holds no docs/ folder.
const readme = readFileSync(`${ROOT}README.md`, "utf8");
const repository = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");

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
    expect(readme).not.toMatch(/\]\((?!https:\/\/)[^)]*\)/);
    expect(readme).not.toMatch(/^\[[^\]]+\]: (?!https:\/\/)/m);
  });

  it("links each docs/ page by its absolute repository URL, and each of those pages exists", () => {
    const links = [...readme.matchAll(/https:\/\/github\.com\/[^\s)]+/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.startsWith(`${repository}/blob/main/docs/`), link).toBe(true);
      expect(existsSync(`${ROOT}${link.slice(`${repository}/blob/main/`.length)}`), link).toBe(true);
    }
    for (const page of ["commands", "findings", "ci", "json", "limits", "development", "verdict", "prometheus"])
      expect(links).toContain(`${repository}/blob/main/docs/${page}.md`);
  });

  it("names only finding ids that exist", () => {
    const ids = [...readme.matchAll(/^\| `([a-z]+\.[a-z-]+)`/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !(FINDING_IDS as string[]).includes(id))).toEqual([]);
  });
});
