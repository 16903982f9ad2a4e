import type { parseAllDocuments } from "yaml";
import { assertJsonShape, assertYamlShape, type YamlLexing } from "./secret-shape.js";

/** Where a bundle came from: a Secret's namespace and name, and the key(s) of `data` it was read from. */
export interface SecretPlace {
  namespace: string;
  name: string;
  key: string;
}

/** One Secret as kubectl writes it: `data` base64 (as the API serves it), `stringData` only in manifests. */
export interface KubernetesSecret {
  namespace: string;
  name: string;
  type: string;
  /** key → base64 text, undecoded: tls.key must never be decoded: a private key is never read or printed */
  data: Map<string, string>;
}

export class SecretParseError extends Error {}

// `kubectl get secret -o json|yaml` writes `apiVersion` and `kind: Secret` (or `kind: List` around several);
// PEM text names neither, so the strict reader's behaviour for PEM is untouched (docs/kubernetes.md).
const KIND = /(^|[\s{,])"?kind"?\s*:\s*"?(Secret|List)\b/m;
const API_VERSION = /(^|[\s{,])"?apiVersion"?\s*:/m;

/** Content sniffing, not the file extension: kubectl output is often piped or saved as `.txt`. */
export function looksLikeSecret(text: string): boolean {
  return !text.trimStart().startsWith("-----BEGIN ") && KIND.test(text) && API_VERSION.test(text);
}

// The YAML parser is ~120 kB of code that `check` on a PEM file must not load: it is imported only when an
// input is a Secret in YAML (kubectl's JSON needs only JSON.parse). A loaded library never differs between
// runs, so keeping it for the process is safe.
let yaml: typeof parseAllDocuments | undefined;
let lexing: YamlLexing | undefined;
const isJson = (text: string) => text.trimStart().startsWith("{");

/** Loads what parseSecrets needs for an input's text (text.ts); call it (once per input) before reading it. */
export async function prepareSecretParser(text: string): Promise<void> {
  if (yaml) return;
  if (!looksLikeSecret(text) || isJson(text)) return;
  // yaml's Node build is CommonJS: bundled and imported dynamically, its API is the module's default export.
  type Api = { parseAllDocuments: typeof parseAllDocuments } & YamlLexing;
  const mod: Partial<Api> & { default?: Api } = await import("yaml");
  const api = (mod.parseAllDocuments ? mod : mod.default) as Api;
  yaml = api.parseAllDocuments;
  lexing = { Lexer: api.Lexer, CST: api.CST };
}

/** Every Secret of the input (a Secret, a List, or several YAML documents); other kinds are left out. */
export function parseSecrets(text: string): KubernetesSecret[] {
  const secrets: KubernetesSecret[] = [];
  if (isJson(text)) {
    assertJsonShape(text);
    collect(parseJson(text), secrets);
    return secrets;
  }
  if (!yaml || !lexing) throw new Error("prepareSecretParser() was not called before parseSecrets()");
  // Depth and size are bounded on the lexer's tokens, before any document is built.
  assertYamlShape(text, lexing);
  // maxAliasCount keeps the billion-laughs expansion out; kubectl never writes aliases at all. The check
  // for duplicate keys compares every key with every other (a 50,000-key map took 87 s): kubectl writes none.
  const docs = yaml(text, { prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length) throw new SecretParseError(doc.errors[0].message.split("\n")[0]);
    collect(doc.toJS({ maxAliasCount: 10 }), secrets);
  }
  return secrets;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // V8 quotes the text around the fault ('"tls.key": U0VDUk"… is not valid JSON'): it may be key material.
    const at = /at position (\d+)/.exec((err as Error).message)?.[1];
    throw new SecretParseError(at === undefined ? "the JSON breaks" : `the JSON breaks at character ${at}`);
  }
}

function collect(node: unknown, out: KubernetesSecret[]): void {
  if (!isObject(node)) return;
  if (node.kind === "List" || node.kind === "SecretList")
    for (const item of Array.isArray(node.items) ? node.items : []) collect(item, out);
  if (node.kind === "Secret") out.push(toSecret(node));
}

function toSecret(node: Record<string, unknown>): KubernetesSecret {
  const meta = isObject(node.metadata) ? node.metadata : {};
  const data = new Map<string, string>();
  // `tls.crt: ""` can come back as null from YAML (`tls.crt:`): an empty value, not a missing key.
  for (const [key, value] of Object.entries(isObject(node.data) ? node.data : {}))
    if (typeof value === "string" || value === null) data.set(key, value ?? "");
  // stringData (manifests only; the API server merges it into data) is plain text: carried as base64 too.
  for (const [key, value] of Object.entries(isObject(node.stringData) ? node.stringData : {}))
    if (typeof value === "string") data.set(key, Buffer.from(value).toString("base64"));
  return {
    namespace: typeof meta.namespace === "string" ? meta.namespace : "",
    name: typeof meta.name === "string" ? meta.name : "(unnamed)",
    type: typeof node.type === "string" ? node.type : "Opaque",
    data,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
