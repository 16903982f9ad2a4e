import { type KubernetesSecret, looksLikeSecret, parseSecrets, type SecretPlace } from "./kubernetes-secret.js";
import { isPrivateKeyLabel, scanPem } from "./pem.js";
import { SecretShapeError } from "./secret-shape.js";

/** The PEM text of one bundle found in a Secret, and where it came from. */
export interface SecretBundle {
  place: SecretPlace;
  pem: Buffer;
}

export interface SecretRead {
  bundles: SecretBundle[];
  /** keys that hold a private key (tls.key is never decoded: its name is enough) */
  privateKeys: SecretPlace[];
  /**
   * `kubernetes.io/tls` Secrets whose tls.crt is missing, empty or holds no PEM certificate (cert-manager
   * leaves it empty when issuing fails), and why: each is a bundle that could not be judged, never dropped.
   */
  certless: { place: SecretPlace; why: string }[];
  /** why the Secret could not be read at all */
  problem?: string;
  /** the problem is a limit (nesting, size) rather than broken YAML or JSON */
  limit?: boolean;
}

const TLS_TYPE = "kubernetes.io/tls";

/** `ns/name`, or the name alone for a manifest without a namespace. */
export function secretName(place: { namespace: string; name: string }): string {
  return place.namespace ? `${place.namespace}/${place.name}` : place.name;
}

/**
 * The bundles of a Kubernetes Secret input, from its text (text.ts), or undefined when the input is not one
 * (then it is read as before).
 */
export function readSecretBundles(text: string): SecretRead | undefined {
  if (!looksLikeSecret(text)) return undefined;
  let secrets: KubernetesSecret[];
  try {
    secrets = parseSecrets(text);
  } catch (err) {
    const none = { bundles: [], privateKeys: [], certless: [] };
    if (err instanceof SecretShapeError) return { ...none, problem: err.message, limit: true };
    return { ...none, problem: `it is not valid YAML or JSON (${(err as Error).message})` };
  }
  const read: SecretRead = { bundles: [], privateKeys: [], certless: [] };
  for (const secret of secrets) addSecret(secret, read);
  return read;
}

function addSecret(secret: KubernetesSecret, read: SecretRead): void {
  const at = (key: string) => ({ namespace: secret.namespace, name: secret.name, key });
  const tls = secret.type === TLS_TYPE;
  if (tls && !secret.data.has("tls.crt")) read.certless.push({ place: at("tls.crt"), why: "it has no tls.crt" });
  for (const [key, base64] of secret.data) {
    if (key === "tls.key") {
      read.privateKeys.push(at(key));
      continue;
    }
    if (tls && key === "ca.crt" && secret.data.has("tls.crt")) continue;
    const text = Buffer.from(base64, "base64").toString("latin1");
    const labels = scanPem(text).blocks.map((b) => b.label);
    if (labels.some(isPrivateKeyLabel)) read.privateKeys.push(at(key));
    if (tls && key === "tls.crt" && !labels.includes("CERTIFICATE")) {
      const why = text.trim() === "" ? "its tls.crt is empty" : "its tls.crt holds no PEM certificate";
      read.certless.push({ place: at(key), why });
    }
    if (!labels.includes("CERTIFICATE")) continue;
    if (tls && key === "tls.crt" && secret.data.has("ca.crt")) {
      read.bundles.push({ place: at("tls.crt+ca.crt"), pem: tlsChain(text, secret.data.get("ca.crt") ?? "") });
    } else read.bundles.push({ place: at(key), pem: Buffer.from(text, "latin1") });
  }
}

/**
 * tls.crt then ca.crt, the order a TLS Secret's chain is presented in. A certificate already in tls.crt is not
 * repeated: cert-manager puts the issuing CA in both, which is not a duplicate anyone sent.
 */
function tlsChain(crt: string, caBase64: string): Buffer {
  const ca = Buffer.from(caBase64, "base64").toString("latin1");
  const body = (b: { base64Lines: { text: string }[] }) => b.base64Lines.map((l) => l.text).join("");
  const have = new Set(scanPem(crt).blocks.map(body));
  const extra = scanPem(ca)
    .blocks.filter((b) => b.label === "CERTIFICATE" && !have.has(body(b)))
    .map(
      (b) => `-----BEGIN CERTIFICATE-----\n${b.base64Lines.map((l) => l.text).join("\n")}\n-----END CERTIFICATE-----\n`,
    );
  const head = crt.endsWith("\n") ? crt : `${crt}\n`;
  return Buffer.from(head + extra.join(""), "latin1");
}

/** "Secret ns/a, tls.crt+ca.crt; Secret ns/b, chain.pem": how fix and inspect name their input. */
export function describePlaces(places: SecretPlace[]): string {
  return places.map((p) => `Secret ${secretName(p)}, ${p.key}`).join("; ");
}
