import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

// Every package the code imports is declared in package.json. One that is only installed because another
// package depends on it (ajv came with @microsoft/jest-sarif) works until that package drops it, and then
// `npm ci` on a clean machine fails the suite for a reason unrelated to any change.
const FOLDERS = ["src", "test", "scripts", "bin"];
const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? codeFiles(join(dir, e.name)) : CODE.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The package names a file imports: static, side-effect and dynamic imports, and require(). */
function packagesOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:\bfrom|\bimport|\bimport\(|\brequire\()\s*["']([^"'\s]+)["']/g)].map((m) => m[1]);
  return specs
    .filter((s) => /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/\S*)?$/.test(s) && !s.startsWith("node:"))
    .map((s) =>
      s
        .split("/")
        .slice(0, s.startsWith("@") ? 2 : 1)
        .join("/"),
    )
    .filter((name, i, all) => !builtinModules.includes(name) && all.indexOf(name) === i);
}

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
// The folders, and the files at the top (vitest's configurations).
const topLevel = readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isFile() && CODE.test(e.name));
const files = [...FOLDERS.flatMap((f) => codeFiles(join(ROOT, f))), ...topLevel.map((e) => join(ROOT, e.name))];
const imports = files.flatMap((file) => packagesOf(file).map((name) => ({ file: relative(ROOT, file), name })));

describe("dependencies", () => {
  it("finds the imports (test files included)", () => {
    expect(imports).toContainEqual({ file: "test/helpers/json-schemas.ts", name: "ajv" });
    expect(imports).toContainEqual({ file: "test/helpers/ca.ts", name: "reflect-metadata" });
  });

  it("every imported package is declared in package.json", () => {
    expect(imports.filter((i) => !declared.has(i.name)).map((i) => `${i.file} → ${i.name}`)).toEqual([]);
  });
});
