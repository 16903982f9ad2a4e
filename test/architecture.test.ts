import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

// The folders are the architecture (STYLE.md): data flows read → judge → render, and the rehearsal kit
// stays out of the product. These rules are checked on the import graph so a shortcut fails the build.
const SRC = join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Every relative import (static or dynamic, type-only included) as a path under src/, e.g. "core/chain/chain.ts". */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, ".ts"));
}

const graph = sourceFiles(SRC).map((file) => ({ file: relative(SRC, file), imports: importsOf(file) }));
const layer = (path: string) => path.split("/")[0];

function violations(from: string, forbidden: string[], allow: (file: string) => boolean = () => false) {
  return graph
    .filter((n) => layer(n.file) === from && !allow(n.file))
    .flatMap((n) => n.imports.filter((i) => forbidden.includes(layer(i))).map((i) => `${n.file} → ${i}`));
}

describe("architecture (import graph of src/)", () => {
  it("finds the source files", () => {
    expect(graph.length).toBeGreaterThan(50);
    expect(graph.find((n) => n.file === "core/chain/chain.ts")?.imports).toContain("core/x509/cert-cache.ts");
  });

  it("core is pure: it imports nothing from cli, net, report or lab", () => {
    expect(violations("core", ["cli", "net", "report", "lab"])).toEqual([]);
  });

  it("net and report never import cli or lab", () => {
    expect([...violations("net", ["cli", "lab"]), ...violations("report", ["cli", "lab", "net"])]).toEqual([]);
  });

  it("product code never imports the rehearsal kit; only the demo and gateway commands load it", () => {
    const launchers = new Set(["cli/commands/demo/run.ts", "cli/commands/gateway/run.ts"]);
    expect(violations("cli", ["lab"], (f) => launchers.has(f))).toEqual([]);
  });

  it("findings are made only in core: cli, net, report and lab pass observations in, they never call finding()", () => {
    const makers = graph
      .filter((n) => layer(n.file) !== "core")
      .filter((n) => /\bfinding\(\s*"/.test(readFileSync(join(SRC, n.file), "utf8")));
    expect(makers.map((n) => n.file)).toEqual([]);
  });

  it("the rehearsal kit imports nothing from cli: the demo and gateway commands wire it, not the other way", () => {
    expect(violations("lab", ["cli"])).toEqual([]);
  });

  it("core is grouped by feature: at most 12 files stay loose in src/core", () => {
    const loose = graph.filter((n) => n.file.startsWith("core/") && n.file.split("/").length === 2);
    expect(loose.length).toBeGreaterThan(0);
    expect(loose.map((n) => n.file).length, loose.map((n) => n.file).join(", ")).toBeLessThanOrEqual(12);
  });

  it("each command has a folder of its own under cli/commands/ holding its command and its run", () => {
    const commands = readdirSync(join(SRC, "cli", "commands"), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(commands.map((e) => e.name).sort()).toEqual([
      "check",
      "csr",
      "demo",
      "explain",
      "fix",
      "gateway",
      "inspect",
      "probe",
    ]);
    for (const c of commands) {
      const files = readdirSync(join(SRC, "cli", "commands", c.name));
      expect(files, c.name).toEqual(expect.arrayContaining(["command.ts", "run.ts"]));
    }
  });

  it("every file name is unique, or its folder says which one it is", () => {
    const byName = new Map<string, string[]>();
    for (const { file } of graph) {
      const name = file.split("/").at(-1) ?? file;
      byName.set(name, [...(byName.get(name) ?? []), file]);
    }
    const clashes = [...byName].filter(([name, files]) => files.length > 1 && !allowedClash(name, files));
    expect(clashes).toEqual([]);
  });
});

function allowedClash(name: string, files: string[]): boolean {
  if (name === "index.ts") return true;
  // A file in a sub-folder is named by it (cli/commands/demo/command.ts, core/findings/chain.ts, core/probe/plan.ts):
  // two files of one name clash only when both sit at the top of a layer, like core/ca-names.ts and net/ca-names.ts.
  return files.filter((f) => f.split("/").length === 2).length <= 1;
}
