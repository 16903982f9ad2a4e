import { parseAllDocuments } from "yaml";

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
  /** key → base64 text, undecoded: tls.key must never be decoded (issue 17) */
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

/** Every Secret of the input (a Secret, a List, or several YAML documents); other kinds are left out. */
export function parseSecrets(text: string): KubernetesSecret[] {
  // maxAliasCount keeps the billion-laughs expansion out; kubectl never writes aliases at all.
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const secrets: KubernetesSecret[] = [];
  for (const doc of list) {
    if (doc.errors.length) throw new SecretParseError(doc.errors[0].message.split("\n")[0]);
    collect(doc.toJS({ maxAliasCount: 10 }), secrets);
  }
  return secrets;
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
  for (const [key, value] of Object.entries(isObject(node.data) ? node.data : {}))
    if (typeof value === "string") data.set(key, value);
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
