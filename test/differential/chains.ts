// Random certificate chains for the differential test against OpenSSL: root → 0–2 intermediates → leaf,
// each certificate with a few random mutations. The structure is a pure function of the seed (keys are
// fresh each run, but no verdict depends on their bits), so a printed seed reproduces a failure.
import { createHash, generateKeyPairSync, type KeyObject } from "node:crypto";
import * as D from "../helpers/der-builder.js";

/** mulberry32: small, fast, and the same sequence for a seed on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Role = "root" | "ca" | "leaf";

/** Mutations, by the roles they apply to. Each names what it changes from a well-formed certificate. */
const MUTATIONS: Record<string, Role[]> = {
  "bc-absent": ["root", "ca", "leaf"],
  "bc-ca-false": ["root", "ca"],
  "bc-ca-true": ["leaf"],
  "bc-not-critical": ["root", "ca", "leaf"],
  "path-len-0": ["root", "ca", "leaf"],
  "path-len-1": ["root", "ca"],
  "ku-absent": ["root", "ca", "leaf"],
  "ku-no-cert-sign": ["root", "ca"],
  "ku-key-agreement-only": ["leaf"],
  "ku-key-encipherment-only": ["leaf"],
  "ku-non-repudiation-only": ["leaf"],
  "ku-not-critical": ["root", "ca", "leaf"],
  "eku-client": ["root", "ca"],
  "eku-server": ["root", "ca", "leaf"],
  "eku-any": ["root", "ca", "leaf"],
  "eku-absent": ["leaf"],
  expired: ["root", "ca", "leaf"],
  "expires-at-t": ["root", "ca", "leaf"],
  "starts-at-t": ["root", "ca", "leaf"],
  "not-yet-valid": ["root", "ca", "leaf"],
  "unknown-critical": ["root", "ca", "leaf"],
  "unknown-non-critical": ["root", "ca", "leaf"],
  // extensions RFC 5280 wants non-critical, marked critical: OpenSSL knows some (SAN, EKU, policies), not others
  "aki-critical": ["ca", "leaf"],
  "ski-critical": ["root", "ca"],
  "aia-critical": ["root", "ca", "leaf"],
  "crldp-critical": ["ca", "leaf"],
  "eku-critical": ["leaf"],
  "san-critical": ["leaf"],
  "policy-critical": ["root", "ca", "leaf"],
  "nc-permit-match": ["root", "ca"],
  "nc-permit-other": ["root", "ca"],
  "nc-exclude-match": ["root", "ca"],
  "aki-mismatch": ["ca", "leaf"],
  "aki-absent": ["ca", "leaf"],
  "aki-serial-mismatch": ["ca", "leaf"],
  "aki-issuer-serial": ["ca", "leaf"],
  "ski-absent": ["root", "ca"],
  "issuer-case": ["ca", "leaf"],
  "wrong-signer": ["root", "ca", "leaf"],
  "weak-rsa-1024": ["root", "ca", "leaf"],
  "weak-p192": ["root", "ca", "leaf"],
  "key-p384": ["root", "ca", "leaf"],
  "key-ed25519": ["root", "ca", "leaf"],
  "sig-sha1": ["root", "ca", "leaf"],
  "policy-require-explicit": ["root", "ca"],
  "policy-any": ["root", "ca", "leaf"],
  "policy-inhibit-any": ["root", "ca"],
  "san-absent": ["leaf"],
  "san-other": ["leaf"],
  "serial-zero": ["ca", "leaf"],
  v1: ["root", "ca"],
  // Netscape certificate type: OpenSSL's sslclient purpose still honours it (added after a review found it unread)
  "ns-cert-type-server": ["leaf"],
  "ns-cert-type-client": ["leaf"],
  "ns-cert-type-garbage": ["root", "ca", "leaf"],
};

export interface PlannedCert {
  role: Role;
  mutations: string[];
}

export interface PlannedChain {
  /** top-down: root, intermediates, leaf */
  certs: PlannedCert[];
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** How many mutations a certificate gets: most get none or one, so both verdicts are common. */
const MUTATION_COUNTS = [0, 0, 0, 0, 1, 1, 1, 2, 3];

export function planChain(rand: () => number): PlannedChain {
  const intermediates = pick(rand, [0, 1, 1, 2]);
  const roles: Role[] = ["root", ...Array<Role>(intermediates).fill("ca"), "leaf"];
  return {
    certs: roles.map((role) => {
      const options = Object.keys(MUTATIONS).filter((m) => MUTATIONS[m].includes(role));
      const n = pick(rand, MUTATION_COUNTS);
      const chosen = new Set<string>();
      for (let i = 0; i < n; i++) chosen.add(pick(rand, options));
      return { role, mutations: [...chosen].sort() };
    }),
  };
}

// Keys: a small pool made once per process (RSA generation is slow); which one a certificate gets is
// decided by the plan, never by chance.
interface Key {
  kind: "p256" | "p384" | "p192" | "rsa1024" | "ed25519";
  pair: { publicKey: KeyObject; privateKey: KeyObject };
}
const POOL_SIZE = 4;
const pools = new Map<Key["kind"], Key[]>();

function keyOf(kind: Key["kind"], slot: number): Key {
  let pool = pools.get(kind);
  if (!pool) {
    pool = [];
    pools.set(kind, pool);
  }
  while (pool.length <= slot % POOL_SIZE) pool.push({ kind, pair: newKey(kind) });
  return pool[slot % POOL_SIZE];
}

function newKey(kind: Key["kind"]) {
  if (kind === "rsa1024") return generateKeyPairSync("rsa", { modulusLength: 1024 });
  if (kind === "ed25519") return generateKeyPairSync("ed25519");
  const curve = { p256: "prime256v1", p384: "secp384r1", p192: "prime192v1" }[kind];
  return generateKeyPairSync("ec", { namedCurve: curve });
}

const SIG_OF: Record<Key["kind"], { sha256: D.SigAlg; sha1?: D.SigAlg }> = {
  p256: { sha256: D.SIG.ecdsaSha256, sha1: D.SIG.ecdsaSha1 },
  p384: { sha256: D.SIG.ecdsaSha256, sha1: D.SIG.ecdsaSha1 },
  p192: { sha256: D.SIG.ecdsaSha256, sha1: D.SIG.ecdsaSha1 },
  rsa1024: { sha256: D.SIG.rsaSha256, sha1: D.SIG.rsaSha1 },
  ed25519: { sha256: D.SIG.ed25519 },
};

export const AT = new Date("2030-01-01T00:00:00Z");
const VALID = { notBefore: new Date("2025-01-01T00:00:00Z"), notAfter: new Date("2035-01-01T00:00:00Z") };

const OID = {
  bc: "2.5.29.19",
  ku: "2.5.29.15",
  eku: "2.5.29.37",
  ski: "2.5.29.14",
  aki: "2.5.29.35",
  san: "2.5.29.17",
  aia: "1.3.6.1.5.5.7.1.1",
  crldp: "2.5.29.31",
  nc: "2.5.29.30",
  policies: "2.5.29.32",
  policyConstraints: "2.5.29.36",
  inhibitAny: "2.5.29.54",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  anyEku: "2.5.29.37.0",
  anyPolicy: "2.5.29.32.0",
  unknown: "1.3.6.1.4.1.55555.7.1",
  nsCertType: "2.16.840.1.113730.1.1",
};

const KU_BIT = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
};

export interface BuiltChain {
  /** top-down DERs: root, intermediates, leaf */
  ders: Buffer[];
}

interface Issuer {
  name: Buffer;
  /** the name in this certificate's issuer field, and its serial's content octets: AKI can name both */
  issuerName: Buffer;
  serial: Buffer;
  /** the issuer name with its CN in upper case: RFC 5280 §7.1 compares names case-insensitively */
  nameUpper: Buffer;
  key: Key;
  ski: Buffer;
}

const cnName = (cn: string) => D.name([D.O, D.utf8("Differential Test")], [D.CN, D.utf8(cn)]);
const LEAF_HOST = "client.diff.example";

/** Builds the planned chain; `tag` keeps names unique per chain so no chain links into another. */
export function buildChain(plan: PlannedChain, tag: string): BuiltChain {
  const ders: Buffer[] = [];
  let parent: Issuer | undefined;
  plan.certs.forEach((planned, depth) => {
    const m = new Set(planned.mutations);
    const cn = planned.role === "root" ? `Root ${tag}` : planned.role === "ca" ? `CA ${depth} ${tag}` : LEAF_HOST;
    const key = keyFor(m, depth);
    const spki = key.pair.publicKey.export({ type: "spki", format: "der" }) as Buffer;
    const ski = createHash("sha1").update(spki).digest();
    const serial = m.has("serial-zero") ? D.int(0) : D.int(0x1000 + depth);
    const self: Issuer = {
      name: cnName(cn),
      nameUpper: cnName(cn.toUpperCase()),
      key,
      ski,
      issuerName: (parent ?? { name: cnName(cn) }).name,
      serial: serial.subarray(2),
    };
    const issuer = parent ?? self;
    const signer = m.has("wrong-signer") ? keyOf(key.kind === "p256" ? "p384" : "p256", depth + 1) : issuer.key;
    const sigs = SIG_OF[signer.kind];
    const sigAlg = m.has("sig-sha1") && sigs.sha1 ? sigs.sha1 : sigs.sha256;
    const tbs = D.tbsCertificate({
      serial,
      issuer: m.has("issuer-case") ? issuer.nameUpper : issuer.name,
      subject: self.name,
      notBefore: m.has("not-yet-valid")
        ? new Date("2030-06-01T00:00:00Z")
        : m.has("starts-at-t")
          ? AT
          : VALID.notBefore,
      notAfter: m.has("expired") ? new Date("2029-06-01T00:00:00Z") : m.has("expires-at-t") ? AT : VALID.notAfter,
      spki,
      sigAlg,
      extensions: m.has("v1") ? [] : extensions(planned.role, m, ski, parent),
    });
    // X.509 v1 has no version field at all: drop the [0] EXPLICIT version (A0 03 02 01 02).
    const body = m.has("v1") ? dropVersion(tbs) : tbs;
    ders.push(D.signCertificate(body, sigAlg, signer.pair.privateKey));
    parent = self;
  });
  return { ders };
}

function keyFor(m: Set<string>, depth: number): Key {
  if (m.has("weak-rsa-1024")) return keyOf("rsa1024", depth);
  if (m.has("weak-p192")) return keyOf("p192", depth);
  if (m.has("key-p384")) return keyOf("p384", depth);
  if (m.has("key-ed25519")) return keyOf("ed25519", depth);
  return keyOf("p256", depth);
}

function dropVersion(tbs: Buffer): Buffer {
  const inner = tbs.subarray(tbs[1] & 0x80 ? 2 + (tbs[1] & 0x7f) : 2);
  return D.seq(inner.subarray(5));
}

function extensions(role: Role, m: Set<string>, ski: Buffer, parent?: Issuer): Buffer[] {
  const parentSki = parent?.ski;
  const ca = role !== "leaf";
  const out: Buffer[] = [];
  if (!m.has("bc-absent")) {
    const fields: Buffer[] = [];
    if ((ca && !m.has("bc-ca-false")) || m.has("bc-ca-true")) fields.push(D.bool(true));
    if (m.has("path-len-0")) fields.push(D.int(0));
    else if (m.has("path-len-1")) fields.push(D.int(1));
    else if (m.has("path-len-256")) fields.push(D.int(256));
    if (m.has("bc-trailing-field")) fields.push(D.nul());
    out.push(D.extension(OID.bc, D.seq(...fields), !m.has("bc-not-critical")));
  }
  const ku = m.has("ku-no-bits") ? D.bits(Buffer.alloc(0)) : D.namedBits(keyUsage(role, m));
  if (!m.has("ku-absent")) out.push(D.extension(OID.ku, ku, !m.has("ku-not-critical")));
  const eku = ekus(role, m);
  if (eku) out.push(D.extension(OID.eku, D.seq(...eku.map((o) => D.oid(o))), m.has("eku-critical")));
  if (!m.has("ski-absent") && ca)
    out.push(
      D.extension(OID.ski, m.has("ski-not-octet-string") ? D.seq(D.octet(ski)) : D.octet(ski), m.has("ski-critical")),
    );
  if (parentSki && !m.has("aki-absent")) {
    const keyId = m.has("aki-mismatch") ? Buffer.alloc(20, 0x5a) : parentSki;
    // authorityCertIssuer and authorityCertSerialNumber: the issuer's issuer and the issuer's serial.
    const bySerial = m.has("aki-issuer-serial") || m.has("aki-serial-mismatch");
    const serial = m.has("aki-serial-mismatch") ? Buffer.from([0x7f, 0x7f]) : (parent?.serial ?? Buffer.from([0]));
    const issuerSerial = bySerial
      ? [D.ctx(1, D.ctx(4, parent?.issuerName ?? Buffer.alloc(0))), D.ctxPrim(2, serial)]
      : [];
    out.push(D.extension(OID.aki, D.seq(D.ctxPrim(0, keyId), ...issuerSerial), m.has("aki-critical")));
  }
  if (role === "leaf" && !m.has("san-absent"))
    out.push(
      D.extension(OID.san, D.seq(D.ctxPrim(2, Buffer.from(m.has("san-other") ? "client.other.test" : LEAF_HOST)))),
    );
  out.push(...constraintExtensions(m));
  if (m.has("unknown-critical")) out.push(D.extension(OID.unknown, D.nul(), true));
  if (m.has("ns-cert-type-server")) out.push(D.extension(OID.nsCertType, D.namedBits([1])));
  if (m.has("ns-cert-type-client")) out.push(D.extension(OID.nsCertType, D.namedBits([0])));
  if (m.has("ns-cert-type-garbage")) out.push(D.extension(OID.nsCertType, D.int(5)));
  if (m.has("unknown-non-critical")) out.push(D.extension(`${OID.unknown}.2`, D.nul()));
  return out;
}

function keyUsage(role: Role, m: Set<string>): number[] {
  if (role !== "leaf")
    return m.has("ku-no-cert-sign") ? [KU_BIT.digitalSignature, KU_BIT.cRLSign] : [KU_BIT.keyCertSign, KU_BIT.cRLSign];
  if (m.has("ku-key-agreement-only")) return [KU_BIT.keyAgreement];
  if (m.has("ku-key-encipherment-only")) return [KU_BIT.keyEncipherment];
  if (m.has("ku-non-repudiation-only")) return [KU_BIT.nonRepudiation];
  return [KU_BIT.digitalSignature];
}

function ekus(role: Role, m: Set<string>): string[] | undefined {
  if (m.has("eku-any")) return [OID.anyEku];
  if (m.has("eku-server")) return [OID.serverAuth];
  if (m.has("eku-client")) return [OID.clientAuth];
  if (role === "leaf" && !m.has("eku-absent")) return [OID.clientAuth];
  return undefined;
}

function constraintExtensions(m: Set<string>): Buffer[] {
  const out: Buffer[] = [];
  const subtree = (host: string) => D.seq(D.ctxPrim(2, Buffer.from(host)));
  if (m.has("nc-permit-match")) out.push(D.extension(OID.nc, D.seq(D.ctx(0, subtree("diff.example"))), true));
  if (m.has("nc-permit-other")) out.push(D.extension(OID.nc, D.seq(D.ctx(0, subtree("elsewhere.test"))), true));
  if (m.has("nc-exclude-match")) out.push(D.extension(OID.nc, D.seq(D.ctx(1, subtree("diff.example"))), true));
  if (m.has("policy-any") || m.has("policy-critical"))
    out.push(D.extension(OID.policies, D.seq(D.seq(D.oid(OID.anyPolicy))), m.has("policy-critical")));
  if (m.has("policy-require-explicit"))
    out.push(D.extension(OID.policyConstraints, D.seq(D.ctxPrim(0, Buffer.from([0]))), true));
  if (m.has("policy-inhibit-any")) out.push(D.extension(OID.inhibitAny, D.int(0), true));
  return out;
}
