import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { finding } from "../../src/core/findings/finding.js";
import { FINDING_IDS, FINDINGS, type FindingId } from "../../src/core/findings/registry.js";
import { FIXTURES, ROOT } from "../helpers/cli.js";

const ID = /"([a-z]+\.[a-z-]+)"/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const allSources = tsFiles(`${ROOT}src`).map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, "utf8") }));
const FINDINGS_DIR = join("src", "core", "findings");
const sources = allSources.filter((s) => !s.file.startsWith(FINDINGS_DIR));

/**
 * The first argument of every call to a finding constructor: finding.ts' `finding` in files that import it, and
 * each group file's own (`const finding = findingsOf(…)`, src/core/findings/<group>.ts).
 */
function constructorArguments(): { file: string; arg: string }[] {
  const out: { file: string; arg: string }[] = [];
  for (const { file, text } of allSources) {
    const imports = /import \{[^}]*\bfinding\b[^}]*\} from "[./]+(core\/)?(findings\/)?finding\.js"/.test(text);
    if (!imports && !/\bconst finding = findingsOf\(/.test(text)) continue;
    for (const m of text.matchAll(/(?<!function )\bfinding\(\s*([^,{]+)/g)) out.push({ file, arg: m[1].trim() });
  }
  return out;
}

describe("finding registry (src/core/findings/)", () => {
  it("every id a constructor call names in src/ is registered, and calls without a literal are the known wrappers", () => {
    const calls = constructorArguments();
    expect(calls.length).toBeGreaterThan(40);
    for (const { file, arg } of calls) {
      const literals = [...arg.matchAll(ID)].map((m) => m[1]);
      if (literals.length === 0)
        expect([`${file}: ${arg}`]).toContain(
          // cert-profile passes each check's typed `id`.
          file.endsWith("cert-profile.ts") ? `${file}: id` : "a literal id",
        );
      for (const id of literals) expect(FINDING_IDS, `${file}: ${id}`).toContain(id);
    }
  });

  it("no emitter builds a finding by hand: severity is written only in the registry", () => {
    const handMade = sources.filter(({ text }) => /\bseverity:\s*["'(]|\bseverity = "/.test(text)).map((s) => s.file);
    expect(handMade).toEqual([]);
  });

  it("every registered id has an emitter in src/", () => {
    const emitted = new Set(constructorArguments().flatMap(({ arg }) => [...arg.matchAll(ID)].map((m) => m[1])));
    for (const { file, text } of allSources)
      if (file.endsWith("cert-profile.ts"))
        for (const m of text.matchAll(/\bid: "([a-z]+\.[a-z-]+)"/g)) emitted.add(m[1]);
    expect(FINDING_IDS.filter((id) => !emitted.has(id))).toEqual([]);
  });

  it("every registered id is produced by a fixture or asserted by a test", () => {
    const produced = new Set<string>(
      JSON.parse(readFileSync(`${FIXTURES}expected.json`, "utf8")).flatMap((t: { expect: string[] }) => t.expect),
    );
    const asserted = new Set(assertedIds());
    const missing = FINDING_IDS.filter((id) => !produced.has(id) && !asserted.has(id));
    expect(missing).toEqual([]);
  });

  it("ids are shaped area.defect, and texts are filled in", () => {
    for (const id of FINDING_IDS) {
      expect(id).toMatch(/^[a-z]+\.[a-z-]+$/);
      const d = FINDINGS[id];
      for (const field of ["title", "summary", "description", "why", "fix", "source", "example"] as const)
        expect(d[field].trim(), `${id}.${field}`).not.toBe("");
      expect(`${d.why} ${d.source}`, id).not.toMatch(/\/work\/|\.\.\/shared|https?:\/\/(?!docs|dev)/);
    }
  });
});

/**
 * Ids a test asserts are there: string literals inside an `expect(…)` statement (up to its `;`), except
 * statements that assert absence (`.not.`), and in the rows of an `it.each([…])` table (a parametrised
 * test's expectations). A mention in a test title or a setup line does not count.
 */
function assertedIds(): string[] {
  const out: string[] = [];
  for (const file of tsFiles(`${ROOT}test`)) {
    if (file.endsWith("finding-registry.test.ts")) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bexpect\(|\bit\.each\b/g)) {
      const end = m[0] === "expect(" ? text.indexOf(";", m.index) : text.indexOf(")(", m.index);
      const statement = text.slice(m.index, end < 0 ? undefined : end);
      if (statement.includes(".not.")) continue;
      for (const id of statement.matchAll(/["` ]([a-z]+\.[a-z-]+)["`]/g)) out.push(id[1]);
    }
  }
  return out;
}

describe("finding()", () => {
  it("takes the severity from the registry and keeps the JSON key order", () => {
    const f = finding("chain.reversed", { hint: "h", certificate: 2, message: "m" });
    expect(JSON.stringify(f)).toBe(
      '{"id":"chain.reversed","severity":"error","message":"m","certificate":2,"hint":"h"}',
    );
    expect(Object.keys(finding("format.empty", { message: "m" }))).toEqual(["id", "severity", "message"]);
  });

  it("lets only context-dependent ids change severity, and only to their escalation", () => {
    expect(finding("validity.expiring-soon", { message: "m" }, "error").severity).toBe("error");
    expect(finding("tls.ca-not-accepted", { message: "m" }).severity).toBe("warning");
    const untyped = finding as (id: FindingId, f: { message: string }, s?: string) => unknown;
    expect(() => untyped("chain.reversed", { message: "m" }, "warning")).toThrow(/cannot be warning/);
    expect(() => untyped("validity.expiring-soon", { message: "m" }, "info")).toThrow(/cannot be info/);
  });
});
