// The CLI in two files without a module in both: dist/cli.cjs holds what `check` runs (main.ts, the lean
// path, core, the check command and its reports) and dist/full.cjs the rest (commander, the other commands),
// loaded only when a command line leaves the lean path. A cold `check` read, copied and deserialised code it
// never ran: split, it takes +735 page faults over `node -e 0` instead of +870, and paired against the one-file
// build it ran at 0.955× the wall time (61 pairs).
// dist/full.cjs does not carry copies of the modules dist/cli.cjs has: it takes them, already evaluated, from
// a table the bundle hands it, so both files share one instance of every module (its state, its classes).
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

/** The free name full.cjs reads the table by: the parameter of its wrapper function (scripts/build.mjs). */
export const SHARED_PARAM = "__connectpayShared";
const TABLE = "connectpay-cert:shared-modules";
const LOADED = "connectpay-cert:shared-loaded";
const CHECKED = "connectpay-cert:shared-checked";
const ENTRY = "connectpay-cert:shared-entry:";
const PROGRAM = "src/cli/program.ts";
const CHECK_RUN = "src/cli/commands/check/run.ts";
const cwd = process.cwd();
const rel = (abs) => relative(cwd, abs).split("\\").join("/");
const str = JSON.stringify;
// A plugin asking esbuild to resolve an import as it would (the mark stops the plugin answering itself).
const resolveAs = (b, args) =>
  b.resolve(args.path, {
    importer: args.importer,
    resolveDir: args.resolveDir,
    kind: args.kind,
    pluginData: { own: true },
  });

/** Paths (relative, as in a metafile) of the modules a build put into its file: our sources and packages. */
export function modulesOf(metafile) {
  return new Set(Object.keys(metafile.inputs).filter((p) => !p.includes(":")));
}

/** The modules `entries` import statically, transitively (metafile paths). */
function staticallyFrom(metafile, entries) {
  const seen = new Set();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of metafile.inputs[file]?.imports ?? [])
      if (i.kind === "import-statement" && !i.external) todo.push(i.path);
  }
  return seen;
}

/**
 * How the table hands build 1's modules to full.cjs, so that what loads a package or a built-in waits for
 * the command that needs it, as in one bundle (`fix --zip` must not load @peculiar's 246 kB, nor `--help`
 * the rules):
 * - `loaded`: those full.cjs evaluates as it loads (program.ts imports them statically), handed over at once;
 * - `checked`: those every `check` evaluates (main.ts's and the check command's static imports), evaluated
 *   together when full.cjs first asks for one of them (earlier than one bundle evaluated some of them:
 *   `inspect` evaluates the rules too, which costs time only, since a check evaluates them all anyway);
 * - the rest (lazy sections: a keystore reader, PKCS#7, a report format), each evaluated when asked for.
 * A lazy module's entry is a module esbuild gives a namespace object at the bundle's top level; the two
 * groups share one each: 44 modules with entries of their own measured +150 page faults on a cold check.
 */
export function tiers(firstMeta, fullMeta) {
  if (!firstMeta.inputs[CHECK_RUN]) throw new Error(`split: ${CHECK_RUN} is not in the bundle`);
  const loaded = [...staticallyFrom(fullMeta, [PROGRAM])].filter((p) => p.startsWith("shared:"));
  return {
    loaded: new Set(loaded.map((p) => p.slice(7))),
    checked: staticallyFrom(firstMeta, ["src/cli/main.ts", CHECK_RUN]),
  };
}

/**
 * Build 1's import of program.ts (main.ts's full CLI) becomes a loader of dist/full.cjs, which it hands the
 * table of `shared` ([path, export names]), arranged by `tiers`. Without `shared` (the first pass, which
 * only learns what build 1 holds) it loads nothing.
 */
export function fullLoader(shared = [], { loaded, checked } = { loaded: new Set(), checked: new Set() }) {
  const groups = { loaded: [], checked: [] };
  const lazy = new Map();
  for (const [path, names] of shared) {
    if (loaded.has(path)) groups.loaded.push([path, names]);
    else if (checked.has(path)) groups.checked.push([path, names]);
    else lazy.set(path, names);
  }
  const contents = {
    "full-loader": () => loader(shared.length > 0),
    [TABLE]: () =>
      table(
        groups.checked.map(([path]) => path),
        [...lazy.keys()],
      ),
    [LOADED]: () => valuesOf(groups.loaded, "loaded"),
    [CHECKED]: () => valuesOf(groups.checked, "checked"),
  };
  return {
    name: "full-loader",
    setup(b) {
      b.onResolve({ filter: /\/program\.js$/ }, async (args) => {
        if (args.pluginData?.own) return undefined;
        const found = await resolveAs(b, args);
        return rel(found.path) === PROGRAM ? { path: "full-loader", namespace: "full-loader" } : undefined;
      });
      b.onResolve({ filter: /^\.\.\/bin\/code-cache\.js$/, namespace: "full-loader" }, (args) => ({
        path: args.path,
        external: true,
      }));
      b.onResolve({ filter: /^connectpay-cert:/ }, (args) => ({ path: args.path, namespace: "full-loader" }));
      b.onLoad({ filter: /.*/, namespace: "full-loader" }, (args) => {
        const path = args.path.startsWith(ENTRY) ? args.path.slice(ENTRY.length) : undefined;
        const text = path ? valuesOf([[path, lazy.get(path)]], "entry") : contents[args.path]();
        return { contents: text, loader: "js", resolveDir: cwd };
      });
    },
  };
}

// CommonJS, so that the table's one export is its only getter at start: an ES module here would build a
// namespace object at the bundle's top level. It loads full.cjs when main.ts imports it (once: esbuild
// keeps a CommonJS module's exports), so a failure to load rejects that import. __dirname is dist/.
function loader(loads) {
  if (!loads) return "exports.run = () => Promise.resolve(0);";
  return [
    `const sharedModules = require(${str(TABLE)});`,
    `const { loadScript } = require("../bin/code-cache.js");`,
    `module.exports = loadScript(require("node:path").join(__dirname, "full.cjs"), [sharedModules()]);`,
  ].join("\n");
}

// The table: the loaded group's values, and a getter for each other module, which evaluates its group
// (or, for a lazy module, the module alone) when full.cjs first reads it.
function table(checked, lazy) {
  const getters = [
    ...checked.map((path) => `${str(path)}: { get: () => fromChecked()[${str(path)}] }`),
    ...lazy.map((path) => `${str(path)}: { get: () => require(${str(ENTRY + path)}).entry() }`),
  ];
  return [
    `const { loaded } = require(${str(LOADED)});`,
    "let checked;",
    `const fromChecked = () => (checked ??= require(${str(CHECKED)}).checked());`,
    `module.exports = () => Object.defineProperties(loaded(), {\n${getters.join(",\n")}\n});`,
  ].join("\n");
}

// Each name is imported by itself: `import * as` would make esbuild build the module's namespace object,
// getters and all, at every start. `name`() returns { path: { export: value } }, or for an entry the one
// module's { export: value }; it is called only when full.cjs is loaded.
function valuesOf(modules, name) {
  const imports = [];
  const values = [];
  let n = 0;
  for (const [path, names] of modules) {
    const locals = names.map((export_) => [export_, `s${n++}`]);
    imports.push(
      `import { ${locals.map(([e, local]) => `${str(e)} as ${local}`).join(", ")} } from ${str(`./${path}`)};`,
    );
    values.push([path, `{ ${locals.map(([e, local]) => `${str(e)}: ${local}`).join(", ")} }`]);
  }
  const value = name === "entry" ? values[0][1] : `{ ${values.map(([path, v]) => `${str(path)}: ${v}`).join(",\n")} }`;
  return `${imports.join("\n")}\nexport function ${name}() {\n  return ${value};\n}\n`;
}

/** Build 2: an import of a module build 1 holds reads that module's exports from the table. */
export function sharedImports(exportsOf) {
  return {
    name: "shared-imports",
    setup(b) {
      b.onResolve({ filter: /^[./]/ }, async (args) => {
        if (args.pluginData?.own || args.namespace !== "file") return undefined;
        const found = await resolveAs(b, args);
        const path = found.path && rel(found.path);
        return exportsOf.has(path) ? { path, namespace: "shared" } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "shared" }, (args) => ({
        contents: reader(args.path, exportsOf.get(args.path)),
        loader: "js",
      }));
    },
  };
}

function reader(path, names) {
  const locals = names.map((name, i) => `const v${i} = m[${str(name)}];`);
  return [
    `const m = ${SHARED_PARAM}[${str(path)}];`,
    // main.ts adds that the package should be reinstalled.
    `if (!m) throw new Error("dist/full.cjs does not belong to this dist/cli.cjs (${path})");`,
    ...locals,
    `export { ${names.map((name, i) => `v${i} as ${str(name)}`).join(", ")} };`,
  ].join("\n");
}

/**
 * The export names of each module, as esbuild reads them (types are gone). Refused, since full.cjs reads
 * each value once: a module exporting a top-level `let` or `var` (a later assignment would not reach full.cjs),
 * and `export *` (an unbundled build does not list the names it brings).
 */
export async function exportNames(build, paths) {
  const refused = [...paths].filter((p) => !p.endsWith(".json") && sharesBadly(readFileSync(p, "utf8")));
  if (refused.length) throw new Error(`split: modules shared with dist/full.cjs export a let, a var or *: ${refused}`);
  const entryPoints = [...paths].map((p) => resolve(p));
  const result = await build({
    entryPoints,
    bundle: false,
    format: "esm",
    write: false,
    metafile: true,
    outdir: "x",
    logLevel: "error",
  });
  const names = new Map();
  for (const out of Object.values(result.metafile.outputs)) if (out.entryPoint) names.set(out.entryPoint, out.exports);
  return names;
}

function sharesBadly(text) {
  if (/^export\s+(let|var)\s|^export\s*\*/m.test(text)) return true;
  const variables = new Set([...text.matchAll(/^(?:let|var)\s+([\w$]+)/gm)].map((m) => m[1]));
  const exported = [...text.matchAll(/^export\s*\{([^}]*)\}/gm)].flatMap((m) => m[1].split(","));
  return exported.some((part) => variables.has(part.trim().split(/\s+as\s+/)[0]));
}
