import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020Module from "ajv/dist/2020.js";

// The JSON Schemas (draft 2020-12) shipped in the package, checked with ajv 8's 2020 build. Every `--json`
// output a test produces through runCli is validated against its command's schema (test/helpers/cli.ts).
// Not ROOT from cli.ts: that module imports this one.
export const SCHEMA_DIR = fileURLToPath(new URL("../../schemas/v1/", import.meta.url));
export const COMMANDS_WITH_JSON = ["check", "inspect", "fix", "probe", "explain"] as const;

// The shipped schemas accept properties they do not name, so that adding a field breaks no consumer. Here
// each object also refuses what its schema does not name: an undocumented field fails the suite.
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "properties" ? mapValues(v, closed) : closed(v);
  if ("properties" in out) out.unevaluatedProperties = false;
  return out;
}
const mapValues = (o: object, f: (v: unknown) => unknown) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

const Ajv2020 = Ajv2020Module.default;
function compiler(strict: boolean) {
  // Formats the schemas use, by RFC 3339 and RFC 3986's shape (ajv-formats would be one more dependency).
  const formats = {
    "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  };
  const ajv = new Ajv2020({ allErrors: true, strict: true, formats });
  for (const file of readdirSync(SCHEMA_DIR)) {
    const schema = JSON.parse(readFileSync(`${SCHEMA_DIR}${file}`, "utf8"));
    ajv.addSchema(strict ? closed(schema) : schema);
  }
  return ajv;
}

const strictAjv = compiler(true);
const openAjv = compiler(false);
const idOf = (command: string) =>
  `https://github.com/connectpay-cert/connectpay-cert/raw/main/schemas/v1/${command}.schema.json`;

/** Errors of `doc` against the command's schema ("" when valid); `open` checks the schema as shipped. */
export function schemaErrors(command: string, doc: unknown, opts: { open?: boolean } = {}): string {
  const ajv = opts.open ? openAjv : strictAjv;
  const validate = ajv.getSchema(idOf(command));
  if (!validate) throw new Error(`no JSON Schema for ${command}`);
  return validate(doc) ? "" : ajv.errorsText(validate.errors, { separator: "\n" });
}

/** `--json` or `--format json` (as the CLI reads it). */
export const asksForJson = (argv: string[]) =>
  argv.some((a, i) => a === "--json" || a === "--format=json" || (a === "--format" && argv[i + 1] === "json"));

/** Throws unless stdout is one JSON document valid against the command's schema. */
export function assertValidJsonOutput(argv: string[], stdout: string): void {
  const command = argv[0];
  if (!(COMMANDS_WITH_JSON as readonly string[]).includes(command) || !asksForJson(argv)) return;
  if (argv.includes("--help") || argv.includes("-h")) return;
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new Error(`${argv.join(" ")}: stdout is not one JSON document:\n${stdout.slice(0, 500)}`);
  }
  const errors = schemaErrors(command, doc);
  if (errors) throw new Error(`${argv.join(" ")}: output does not match schemas/v1/${command}.schema.json:\n${errors}`);
}
