// esbuild plugins of scripts/build.mjs that shape what the CLI loads at start-up.
// commander requires node:child_process as it loads, for executable subcommands we never use: a stand-in
// that requires it on first use keeps it (~18 built-in modules, ~3 ms) out of every other command's start.
export const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "lazy" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, k) => require("node:child_process")[k] });',
      loader: "js",
    }));
  },
};

// esbuild keeps import() of what it does not bundle, and a script run by vm has no module loader behind
// import(): Node's built-ins imported on demand are required instead (they are loaded the same way).
export const requireBuiltins = {
  name: "require-builtins",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === "dynamic-import" ? { path: args.path, namespace: "builtin-shim" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "builtin-shim" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};

// Packages that only some commands use live in files of their own under dist/vendor/, so every start reads
// and deserialises less. One group per set of packages that share code: @peculiar's packages
// share one asn1 schema registry, which two copies would split.
export const VENDOR_GROUPS = {
  peculiar: [
    "reflect-metadata",
    "@peculiar/x509",
    "@peculiar/asn1-schema",
    "@peculiar/asn1-x509",
    "@peculiar/asn1-ocsp",
  ],
  forge: ["node-forge"],
  yaml: ["yaml"],
  glob: ["tinyglobby"],
  ora: ["ora"],
  fflate: ["fflate"],
};

/** A group's entry: each package's module namespace under its name. */
export function vendorEntry(specs) {
  const imports = specs.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`);
  const table = specs.map((s, i) => `${JSON.stringify(s)}: m${i}`).join(", ");
  return `${imports.join("\n")}\nexport const vendor = { ${table} };`;
}

// Packages our code imports for their default export. The sources are ES modules in Node's mode (package.json
// "type": "module"), so esbuild hands them a CommonJS module's whole module.exports as `default`: these keep
// an ES module shim, whose `default` is the package's own.
const DEFAULT_IMPORTED = new Set(["ora"]);

/**
 * In the CLI bundle, `import … from "yaml"` becomes a module that requires dist/vendor/yaml.cjs when it is
 * first imported. Most shims are CommonJS modules: one lazy function each until required. An ES module shim
 * re-exports each of the package's names (`names`: spec → export names, read from the built group files),
 * and since the shims are imported on demand, esbuild builds each one's namespace object at every start,
 * one getter per name (~150 in all), which cost 53 page faults and 63 kB of young heap.
 */
export function vendorShims(names) {
  const groupOf = new Map(Object.entries(VENDOR_GROUPS).flatMap(([g, specs]) => specs.map((s) => [s, g])));
  return {
    name: "vendor-shims",
    setup(b) {
      // Only the shims' own requires: packages have folders called vendor too (chalk does).
      b.onResolve({ filter: /^\.\/vendor\//, namespace: "vendor" }, (args) => ({ path: args.path, external: true }));
      const specs = [...groupOf.keys()].map((s) => s.replace(/[/.-]/g, "\\$&"));
      b.onResolve({ filter: new RegExp(`^(${specs.join("|")})$`) }, (args) => ({
        path: args.path,
        namespace: "vendor",
      }));
      b.onLoad({ filter: /.*/, namespace: "vendor" }, (args) => {
        const file = `./vendor/${groupOf.get(args.path)}.cjs`;
        const module = `require(${JSON.stringify(file)}).vendor[${JSON.stringify(args.path)}]`;
        const contents = DEFAULT_IMPORTED.has(args.path)
          ? esmShim(module, names.get(args.path) ?? [])
          : `module.exports = ${module};`;
        return { contents, loader: "js", resolveDir: process.cwd() };
      });
    },
  };
}

function esmShim(module, list) {
  const locals = list.map((n, i) => `const v${i} = m[${JSON.stringify(n)}];`);
  const exported = list.map((n, i) => `v${i} as ${JSON.stringify(n)}`);
  return `const m = ${module};\n${locals.join("\n")}\nexport { ${exported.join(", ")} };`;
}
