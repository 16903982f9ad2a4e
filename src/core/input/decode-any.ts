import { LIMITS } from "../limits.js";
import type { Certificate } from "../x509/certificate.js";
import { DecodeError } from "./decode-errors.js";
import { keystoreCertificates, readKeystore } from "./java-keystore.js";
import type { SecretPlace } from "./kubernetes-secret.js";
import { prepareSecretParser } from "./kubernetes-secret.js";
import { certsFromPkcs7, certsFromPkcs12, Pkcs7LimitError } from "./pkcs7.js";
import { type BlockItem, type BlockRead, type PemPlace, type ReadStop, readBlocks } from "./read-blocks.js";
import { readSecretBundles, type SecretRead } from "./secret-bundles.js";
import { describeFormat } from "./sniff.js";
import { type DecodedText, decodeText } from "./text.js";

export type InputFormat =
  | "PEM"
  | "DER certificate"
  | "PKCS#7 (DER)"
  | "PKCS#7 (PEM)"
  | "PKCS#12"
  | "JKS"
  | "JCEKS"
  | "Kubernetes Secret";

/** Asks for the password of a PKCS#12 file or a Java keystore, only when one is met. */
export type PasswordSource = (what: "PKCS#12" | "keystore") => Promise<string>;

export interface DecodeOptions {
  /** which keystore entry to read (`--alias`) */
  alias?: string;
  /** the input's text, when the caller has decoded it already (text.ts) */
  decoded?: DecodedText;
}

/** Certificates found in any of the formats CAs deliver, and what else was there. */
export interface DecodedInput {
  format: InputFormat;
  certs: Certificate[];
  privateKeys: number;
  extraTextLines: number;
  /** lines where one block's END and the next one's BEGIN were glued together */
  gluedLines?: number;
  /** labels of PEM blocks that were neither certificates nor keys */
  otherBlocks: string[];
  /** CERTIFICATE blocks that could not be read, as "block N (line L)" */
  unreadable: string[];
  /** `certs` and, in input order among them, the certificates read only in part (a fatal DER defect): for inspect */
  inspectable: Certificate[];
  nonAscii: boolean;
  /** PEM text with CR or CRLF line ends, which the written PEM does not keep */
  carriageReturns?: boolean;
  /** for a Kubernetes Secret input: where each bundle came from, in the order of `certs` */
  secrets?: SecretPlace[];
}

const FORMATS: Record<BlockRead["source"], InputFormat> = {
  pem: "PEM",
  "der-certificate": "DER certificate",
  pkcs7: "PKCS#7 (DER)",
  pkcs12: "PKCS#12",
  keystore: "JKS",
};

/** Reads what we repair from (the lenient mode of read-blocks.ts); throws DecodeError when nothing is readable. */
export async function decodeAny(
  bytes: Buffer,
  password: PasswordSource,
  options: DecodeOptions = {},
): Promise<DecodedInput> {
  const decoded = options.decoded ?? decodeText(bytes);
  await prepareSecretParser(decoded.text);
  const secrets = readSecretBundles(decoded.text);
  if (secrets) return decodeSecret(secrets, password);
  return decodeBytes(bytes, password, { ...options, decoded });
}

async function decodeBytes(
  bytes: Buffer,
  password: PasswordSource,
  options: DecodeOptions = {},
): Promise<DecodedInput> {
  const read = readBlocks(bytes, { mode: "lenient", decoded: options.decoded });
  if (read.stop) throw new DecodeError(stopMessage(read.stop));
  const out: DecodedInput = {
    format: FORMATS[read.source],
    certs: [],
    privateKeys: 0,
    extraTextLines: read.extraLines.length,
    gluedLines: read.gluedLines?.length,
    otherBlocks: [],
    unreadable: [],
    inspectable: [],
    nonAscii: Boolean(read.encoding),
  };
  if (read.source === "pem" && options.decoded?.text.includes("\r")) out.carriageReturns = true;
  for (const item of read.items) await addItem(out, item, password, options);
  return out;
}

/** Each bundle of a Secret read leniently, merged; keys are counted by name (tls.key is never decoded). */
async function decodeSecret(secrets: SecretRead, password: PasswordSource): Promise<DecodedInput> {
  if (secrets.problem) throw new DecodeError(`the input looks like a Kubernetes Secret, but ${secrets.problem}`);
  if (secrets.bundles.length === 0) throw new DecodeError("the Kubernetes Secret holds no PEM certificate");
  const out: DecodedInput = {
    format: "Kubernetes Secret",
    certs: [],
    privateKeys: secrets.privateKeys.length,
    extraTextLines: 0,
    otherBlocks: [],
    unreadable: [],
    nonAscii: false,
    secrets: [],
    inspectable: [],
  };
  for (const bundle of secrets.bundles) {
    const part = await decodeBytes(bundle.pem, password);
    out.certs.push(...part.certs);
    out.inspectable.push(...part.inspectable);
    out.extraTextLines += part.extraTextLines;
    if (part.gluedLines) out.gluedLines = (out.gluedLines ?? 0) + part.gluedLines;
    out.otherBlocks.push(...part.otherBlocks);
    out.unreadable.push(...part.unreadable);
    out.secrets?.push(bundle.place);
  }
  return out;
}

function stopMessage(stop: ReadStop): string {
  if (stop.kind === "empty") return "the input is empty";
  if (stop.kind === "not-pem" && stop.format === "lfs-pointer")
    return `the input is ${describeFormat("lfs-pointer", "").name}: run \`git lfs pull\``;
  if (stop.kind === "not-pem") return "the input is neither PEM, DER, PKCS#7 nor PKCS#12";
  if (stop.hit.limit === "maxInputBytes") return `the input is over ${LIMITS.maxInputBytes} bytes`;
  return "the input is past the line-length or block limit";
}

async function addItem(out: DecodedInput, item: BlockItem, password: PasswordSource, options: DecodeOptions) {
  const before = out.certs.length;
  await addCerts(out, item, password, options);
  out.inspectable.push(...out.certs.slice(before));
  if (item.kind === "malformed" && item.partial) out.inspectable.push(item.partial);
}

async function addCerts(out: DecodedInput, item: BlockItem, password: PasswordSource, options: DecodeOptions) {
  if (item.kind === "certificate") out.certs.push(item.cert);
  else if (item.kind === "private-key") out.privateKeys++;
  else if (item.kind === "other") out.otherBlocks.push(item.at.label);
  else if (item.kind === "malformed") {
    if (!item.at && !item.partial)
      throw new DecodeError(`the input looks like a DER certificate, but it is ${item.problem}`);
    if (item.at) out.unreadable.push(`block ${item.at.block} (line ${item.at.line})`);
  } else if (item.kind === "pkcs12") {
    const { certs, keys } = await certsFromPkcs12(item.der, await password("PKCS#12"));
    out.certs.push(...certs);
    out.privateKeys += keys;
  } else if (item.kind === "keystore") {
    const store = readKeystore(item.der, await password("keystore"));
    const { certs, keys } = keystoreCertificates(store, options.alias);
    out.format = store.type;
    out.certs.push(...certs);
    out.privateKeys += keys;
  } else if (item.der) addPkcs7(out, item.der, item.at);
}

/** A `.p7b` file is the whole input: unreadable means nothing to read. A PKCS#7 block is one block among others. */
function addPkcs7(out: DecodedInput, der: Buffer, at: PemPlace | undefined): void {
  if (!at) {
    out.certs.push(...certsFromPkcs7(der, false));
    return;
  }
  try {
    out.certs.push(...certsFromPkcs7(der, true));
    out.format = "PKCS#7 (PEM)";
  } catch (err) {
    // Past the limit the block was read and refused: saying it is some other block would hide why.
    if (!(err instanceof DecodeError) || err instanceof Pkcs7LimitError) throw err;
    out.otherBlocks.push(at.label);
  }
}
