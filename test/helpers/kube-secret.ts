// Kubernetes Secrets laid out the way `kubectl get secret NAME -o json|yaml` writes them (kubectl 1.30):
// keys sorted, `data` base64 of the raw bytes, server-set metadata, and `kind: List` around several.

export interface SecretSpec {
  namespace: string;
  name: string;
  type: string;
  /** key → raw bytes (a PEM file's content, a token) */
  data: Record<string, string>;
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

function asObject(s: SecretSpec) {
  const data = Object.fromEntries(
    Object.keys(s.data)
      .sort()
      .map((k) => [k, b64(s.data[k])]),
  );
  return {
    apiVersion: "v1",
    data,
    kind: "Secret",
    metadata: {
      creationTimestamp: "2026-11-02T09:14:07Z",
      name: s.name,
      namespace: s.namespace,
      resourceVersion: "48213",
      uid: "5e0f8a52-9b7c-4c1e-8d1a-3f2b6c7d8e9f",
    },
    type: s.type,
  };
}

/** `kubectl get secret NAME -o json`: 4-space indentation. */
export function secretJson(s: SecretSpec): string {
  return `${JSON.stringify(asObject(s), null, 4)}\n`;
}

/** `kubectl get secrets -o json` of several: a List. */
export function secretListJson(specs: SecretSpec[]): string {
  const list = { apiVersion: "v1", items: specs.map(asObject), kind: "List", metadata: { resourceVersion: "" } };
  return `${JSON.stringify(list, null, 4)}\n`;
}

function yamlLines(s: SecretSpec): string[] {
  const o = asObject(s);
  return [
    "apiVersion: v1",
    "data:",
    ...Object.entries(o.data).map(([k, v]) => `  ${k}: ${v}`),
    "kind: Secret",
    "metadata:",
    `  creationTimestamp: "${o.metadata.creationTimestamp}"`,
    `  name: ${s.name}`,
    `  namespace: ${s.namespace}`,
    `  resourceVersion: "${o.metadata.resourceVersion}"`,
    `  uid: ${o.metadata.uid}`,
    `type: ${s.type}`,
  ];
}

/** `kubectl get secret NAME -o yaml`. */
export function secretYaml(s: SecretSpec): string {
  return `${yamlLines(s).join("\n")}\n`;
}

/** `kubectl get secrets -o yaml` of several: a List, items as block sequence entries. */
export function secretListYaml(specs: SecretSpec[]): string {
  const items = specs.flatMap((s) => yamlLines(s).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)));
  return `${["apiVersion: v1", "items:", ...items, "kind: List", "metadata:", '  resourceVersion: ""'].join("\n")}\n`;
}
