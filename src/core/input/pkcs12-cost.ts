import { LIMITS } from "../limits.js";
import { children, content, DerError, decodeOid, readTlv, type Tlv } from "../x509/der.js";
import { DecodeError } from "./decode-errors.js";

/**
 * A PKCS#12 file asks for more key-derivation work than the limit. The iteration counts are written in
 * the file, and node-forge derives with whatever they say: 2^40 iterations would never end.
 */
export class Pkcs12CostError extends DecodeError {
  /** what the file asks for, to follow "the PKCS#12 file" or "a PKCS#12 keystore that" */
  constructor(readonly problem: string) {
    super(`the PKCS#12 file ${problem}`);
  }
}

const PKCS12_PBE = "1.2.840.113549.1.12.1.";
const PBES1 = ["1.2.840.113549.1.5.1", "1.2.840.113549.1.5.3", "1.2.840.113549.1.5.4", "1.2.840.113549.1.5.6"];
const PBES1_MORE = ["1.2.840.113549.1.5.10", "1.2.840.113549.1.5.11"];
const PBKDF2 = "1.2.840.113549.1.5.12";

function tooMany(count: number | string, what: string): Pkcs12CostError {
  return new Pkcs12CostError(
    `asks for ${count} key-derivation iterations (${what}); more than ${LIMITS.maxPkcs12Iterations} are refused (PKCS#12 writers use 1 to 10,000), so it was not opened`,
  );
}

/** An iteration count, or Infinity when it is too long to be a number worth reading. */
function count(der: Uint8Array, tlv: Tlv | undefined): number {
  if (tlv?.tag !== 0x02) return 1;
  const bytes = content(der, tlv);
  if (bytes.length > 6) return Number.POSITIVE_INFINITY;
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

function checkCount(n: number, what: string): number {
  if (n > LIMITS.maxPkcs12Iterations) throw tooMany(Number.isFinite(n) ? n : "more than 2^48", what);
  return n;
}

/** The iterations an AlgorithmIdentifier asks for when it is a password-based one (RFC 8018 A.2/A.3, RFC 7292 App. C). */
function pbeIterations(der: Uint8Array, alg: Tlv): number | undefined {
  const [oidTlv, params] = children(der, alg);
  if (oidTlv?.tag !== 0x06 || params?.tag !== 0x30) return undefined;
  const oid = decodeOid(content(der, oidTlv));
  if (oid.startsWith(PKCS12_PBE) || PBES1.includes(oid) || PBES1_MORE.includes(oid))
    return count(der, children(der, params)[1]);
  // PBES2 names its PBKDF2 AlgorithmIdentifier inside its parameters: the walk reaches it there.
  if (oid === PBKDF2) return count(der, children(der, params)[1]);
  return undefined;
}

/**
 * Reads the iteration counts from the ASN.1 before any derivation: the MAC's (RFC 7292 §4, MacData) and
 * every password-based AlgorithmIdentifier that is not itself encrypted (encrypted bags, shrouded keys).
 * Counts inside encrypted content are only visible once it is decrypted; guardDerivations covers those.
 * A file that is not DER (BER from some writers) is read as far as it goes.
 */
export function assertPkcs12Cost(der: Uint8Array): void {
  let total = 0;
  const add = (n: number, what: string) => {
    total += checkCount(n, what);
    if (total > LIMITS.maxPkcs12IterationsPerFile)
      throw new Pkcs12CostError(
        `asks for more than ${LIMITS.maxPkcs12IterationsPerFile} key-derivation iterations in all, so it was not opened`,
      );
  };
  try {
    const pfx = readTlv(der, 0);
    const [, , macData] = children(der, pfx);
    if (macData?.tag === 0x30) add(count(der, children(der, macData)[2]), "for its MAC");
  } catch (err) {
    if (!(err instanceof DerError)) throw err;
  }
  let visits = 0;
  const walk = (start: Tlv, depth: number) => {
    if (depth > 24 || ++visits > 100_000) return;
    const parts = inside(der, start);
    if (!parts) return;
    if (start.tag === 0x30) {
      const n = safely(() => pbeIterations(der, start));
      if (n !== undefined) add(n, "for an encrypted part");
    }
    for (const child of parts) walk(child, depth + 1);
  };
  const top = inside(der, { tag: 0x30, start: 0, contentStart: 0, end: der.length });
  for (const tlv of top ?? []) walk(tlv, 0);
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof DerError) return undefined;
    throw err;
  }
}

/**
 * The elements inside a constructed element, or inside an OCTET STRING that holds DER (ContentInfo data,
 * SafeContents); undefined for anything else, ciphertext and BER included.
 */
function inside(der: Uint8Array, tlv: Tlv): Tlv[] | undefined {
  if ((tlv.tag & 0x20) === 0 && tlv.tag !== 0x04) return undefined;
  try {
    return children(der, tlv);
  } catch (err) {
    if (err instanceof DerError) return undefined;
    throw err;
  }
}

type Forge = typeof import("node-forge");
type Derive = (...args: unknown[]) => unknown;

interface Budget {
  left: number;
}
let budget: Budget | undefined;
const guarded = new WeakSet<object>();

function charge(iterations: unknown): void {
  if (!budget) return;
  const n = typeof iterations === "number" && iterations >= 0 ? iterations : Number.POSITIVE_INFINITY;
  checkCount(n, "inside an encrypted part");
  if (n > budget.left)
    throw new Pkcs12CostError(
      `asks for more than ${LIMITS.maxPkcs12IterationsPerFile} key-derivation iterations in all, so it was not opened`,
    );
  budget.left -= n;
}

function wrap(owner: Record<string, unknown>, name: string, countAt: number): void {
  const original = owner[name] as Derive;
  if (typeof original !== "function" || guarded.has(original)) return;
  const checked: Derive = function (this: unknown, ...args: unknown[]) {
    charge(args[countAt]);
    return original.apply(this, args);
  };
  guarded.add(checked);
  owner[name] = checked;
}

/**
 * Runs `open` (forge reading a PKCS#12 file) with every key derivation it makes checked first: the MAC
 * key, PKCS#12 PBE and PBKDF2, encrypted bags nested in encrypted content included. The counts visible
 * in the ASN.1 were checked by assertPkcs12Cost; this is what forge finds only after a decryption.
 */
export function guardDerivations<T>(forge: Forge, open: () => T): T {
  const f = forge as unknown as Record<string, Record<string, unknown>>;
  wrap(f.pkcs12, "generateKey", 3);
  wrap(f.pbe, "generatePkcs12Key", 3);
  wrap(f.pkcs5, "pbkdf2", 2);
  const outer = budget;
  budget = { left: LIMITS.maxPkcs12IterationsPerFile };
  try {
    return open();
  } finally {
    budget = outer;
  }
}
