import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers/cli.js";

// What `check` loads to judge one PEM file (issue 16): each of these cost milliseconds of every start, and
// none is needed for the answer. A preload records Node's built-ins and every file required.
const HOOK = `
const Module = require("node:module");
const required = [];
const load = Module._load;
Module._load = function (request, ...rest) { required.push(request); return load.call(this, request, ...rest); };
process.on("exit", () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13));
  require("node:fs").writeFileSync(process.env.CPC_LOADED, JSON.stringify({ builtins, required }));
});`;

// worker_threads and timers/promises: the signature thread starts only for a folder of many files.
const NOT_NEEDED = [
  "tls",
  "net",
  "tty",
  "readline",
  "child_process",
  "fs/promises",
  "http",
  "https",
  "zlib",
  "os",
  "worker_threads",
  "timers/promises",
];

async function loadedBy(args: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "cpc-startup-"));
  writeFileSync(join(dir, "hook.cjs"), HOOK);
  const out = join(dir, "loaded.json");
  // CI=true (as in CI) turns colour off whatever FORCE_COLOR says: each case sets what it means.
  const base: Record<string, string | undefined> = { ...process.env, CI: undefined, NO_COLOR: undefined };
  const res = await execa(process.execPath, ["--require", join(dir, "hook.cjs"), BIN, ...args], {
    cwd: ROOT,
    reject: false,
    extendEnv: false,
    env: Object.fromEntries(Object.entries({ ...base, CPC_LOADED: out, ...env }).filter(([, v]) => v !== undefined)),
  });
  return { res, ...(JSON.parse(readFileSync(out, "utf8")) as { builtins: string[]; required: string[] }) };
}

describe("start-up of check on one PEM file", () => {
  it("loads no network, terminal or promise-fs module and no package bundle", async () => {
    for (const env of [{ NO_COLOR: "1" }, {}] as Record<string, string>[]) {
      const { res, builtins, required } = await loadedBy(
        ["check", "fixtures/good/chain.pem", "--at", "2030-01-01"],
        env,
      );
      expect(res.exitCode).toBe(0);
      expect(res.stdout).toMatch(/ConnectPay's rules: accepted$/);
      expect(builtins).toContain("crypto");
      expect(NOT_NEEDED.filter((m) => builtins.includes(m))).toEqual([]);
      expect(required.filter((r) => /vendor[\\/]/.test(r))).toEqual([]);
    }
  });

  it("loads chalk's terminal detection only when colour is asked for", async () => {
    const { res, builtins } = await loadedBy(["check", "fixtures/good/chain.pem", "--at", "2030-01-01"], {
      FORCE_COLOR: "1",
    });
    expect(res.stdout).toContain("\u001b[");
    expect(builtins).toContain("tty");
  });

  it("loads no child_process for the full CLI: commander's require of it waits for a use we never make", async () => {
    for (const args of [["inspect", "fixtures/good/chain.pem"], ["--help"], ["explain", "key.weak"]]) {
      const { res, builtins } = await loadedBy(args);
      expect(res.exitCode).toBe(0);
      expect(builtins).not.toContain("child_process");
    }
  });

  it("turns no date into text through Date's own methods (isoString writes them)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cpc-startup-date-"));
    const calls = join(dir, "calls.txt");
    // Each Date method that formats (JSON.stringify and template strings go through these) leaves a line.
    const hook = `for (const k of ["toISOString", "toUTCString", "toJSON", "toString", "toLocaleString"]) {
      const own = Date.prototype[k];
      Date.prototype[k] = function (...a) { require("node:fs").appendFileSync(${JSON.stringify(calls)}, k + "\\n"); return own.apply(this, a); };
    }`;
    writeFileSync(join(dir, "hook.cjs"), hook);
    for (const format of ["human", "json", "sarif"]) {
      const args = [
        "--require",
        join(dir, "hook.cjs"),
        BIN,
        "check",
        "fixtures/validity/expired-leaf.pem",
        "--format",
        format,
      ];
      const res = await execa(process.execPath, [...args, "--at", "2030-01-01"], { cwd: ROOT, reject: false });
      expect(res.exitCode).toBe(1);
      expect(res.stdout).toMatch(/20\d\d-\d\d-\d\d/);
    }
    expect(existsSync(calls) ? readFileSync(calls, "utf8") : "").toBe("");
  });

  it("reads a package bundle when a command needs it: fix --zip reads fflate", async () => {
    const zip = join(mkdtempSync(join(tmpdir(), "cpc-startup-zip-")), "package.zip");
    const fix = await loadedBy(["fix", "fixtures/good/chain.pem", "--zip", zip, "--at", "2030-01-01"]);
    expect(fix.res.exitCode).toBe(0);
    // bin/code-cache.js hands the bundle a require that asks for its own files by absolute path (the bin's
    // real path: ROOT may be reached through a symbolic link).
    expect(fix.required).toContain(join(realpathSync(ROOT), "dist", "vendor", "fflate.cjs"));
    expect(fix.required.filter((r) => /vendor[\\/](forge|peculiar|yaml|ora)/.test(r))).toEqual([]);
  });
});

// What only some inputs need is imported at the point of need (import()), so esbuild puts it in a lazy
// section of the bundle: a plain PEM run neither runs that module's code nor caches its compiled functions.
// One static import from anywhere on check's path would undo that silently, so the path is read here.
const SRC = join(ROOT, "src");
const ON_DEMAND = [
  "core/input/java-keystore.ts", // a JKS/JCEKS keystore
  "core/input/decode-any.ts", // DER, PKCS#7, PKCS#12 found by a folder scan
  "core/input/pkcs7.ts",
  "core/input/pkcs12-cost.ts",
  "cli/private-key.ts", // --key
  "core/input/encrypted-key.ts",
  "cli/password.ts", // a keystore's or a key's password
  "cli/crl-files.ts", // --crl-file
  "core/revocation/crl.ts",
  "cli/run-revocation.ts", // --online
  "core/probe/config.ts", // a config file
  "core/verdict/findings-config.ts",
];

/** The modules `file` imports statically (not `import type`, not `import()`), as paths under src/. */
function staticImportsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), "utf8");
  const specs = [...text.matchAll(/^(?:import|export)\s+([^;]*?)\s*from\s*"([^"]+)"/gms)]
    .filter(({ 1: what }) => !/^type\b/.test(what) && !/^\{\s*(?:type\s+\w+\s*,?\s*)+\}$/.test(what))
    .map(({ 2: spec }) => spec);
  return specs
    .filter((spec) => spec.startsWith("."))
    .map((spec) => relative(SRC, resolve(dirname(join(SRC, file)), spec)).replace(/\.js$/, ".ts"))
    .filter((f) => existsSync(join(SRC, f)));
}

/** Every module check's action imports statically, as paths under src/. */
function checkStaticPath(): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of staticImportsOf(file)) visit(next);
  };
  visit("cli/commands/check/run.ts");
  return seen;
}

describe("check's static path", () => {
  it("leaves what only some inputs need to be imported on demand", () => {
    const seen = checkStaticPath();
    expect(seen).toContain("core/check-bundle.ts");
    expect(ON_DEMAND.filter((f) => existsSync(join(SRC, f)))).toEqual(ON_DEMAND);
    expect(ON_DEMAND.filter((f) => seen.has(f))).toEqual([]);
  });

  it("looks finding ids up by group, without the table of every id that docs, explain and SARIF list", () => {
    const seen = checkStaticPath();
    expect(seen).toContain("core/findings/groups.ts");
    expect(seen.has("core/findings/registry.ts")).toBe(false);
  });

  it("has isoString on it (the run-time test above holds check to it: a first toISOString costs ~0.7 ms)", () => {
    expect(checkStaticPath()).toContain("core/x509/iso-time.ts");
  });
});
