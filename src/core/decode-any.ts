import { LIMITS } from "./limits.js";
import { decodeBlock, isPrivateKeyLabel, PKCS7_LABELS, scanPem } from "./pem.js";
import { sniffBinary } from "./sniff.js";
import { decodeText } from "./text.js";
import { type Certificate, parseCertificate } from "./x509/certificate.js";

export type InputFormat = "PEM" | "DER certificate" | "PKCS#7 (DER)" | "PKCS#7 (PEM)" | "PKCS#12";

/** Certificates found in any of the formats CAs deliver, and what else was there. */
export interface DecodedInput {
  format: InputFormat;
  certs: Certificate[];
  privateKeys: number;
  extraTextLines: number;
  /** labels of PEM blocks that were neither certificates nor keys */
  otherBlocks: string[];
  /** CERTIFICATE blocks that could not be read, as "block N (line L)" */
  unreadable: string[];
  nonAscii: boolean;
}

export class DecodeError extends Error {}
/** A PKCS#12 file needs a password we do not have, or the one given is wrong. */
export class PasswordError extends Error {}

export async function decodeAny(bytes: Buffer, password: () => Promise<string>): Promise<DecodedInput> {
  if (bytes.length > LIMITS.maxInputBytes) throw new DecodeError(`the input is over ${LIMITS.maxInputBytes} bytes`);
  const decoded = decodeText(bytes);
  if (decoded.text.includes("-----BEGIN ")) return decodePem(decoded.text, Boolean(decoded.note));
  const kind = sniffBinary(bytes);
  const base = { privateKeys: 0, extraTextLines: 0, otherBlocks: [], unreadable: [], nonAscii: false };
  if (kind === "der-certificate") return { ...base, format: "DER certificate", certs: [parseCertificate(bytes)] };
  if (kind === "pkcs7") return { ...base, format: "PKCS#7 (DER)", certs: await certsFromPkcs7(bytes) };
  if (kind === "pkcs12") {
    const { certs, keys } = await certsFromPkcs12(bytes, await password());
    return { ...base, format: "PKCS#12", certs, privateKeys: keys };
  }
  if (decoded.text.trim() === "") throw new DecodeError("the input is empty");
  throw new DecodeError("the input is neither PEM, DER, PKCS#7 nor PKCS#12");
}

async function decodePem(text: string, nonAscii: boolean): Promise<DecodedInput> {
  const scan = scanPem(text);
  if (scan.longLine || scan.tooManyBlocks) throw new DecodeError("the input is past the line-length or block limit");
  const out: DecodedInput = {
    format: "PEM",
    certs: [],
    privateKeys: 0,
    extraTextLines: scan.extraLines.length,
    otherBlocks: [],
    unreadable: [],
    nonAscii,
  };
  for (const block of scan.blocks) {
    const body = decodeBlock(block);
    if (isPrivateKeyLabel(block.label)) out.privateKeys++;
    else if (PKCS7_LABELS.has(block.label) && "der" in body) {
      out.format = "PKCS#7 (PEM)";
      out.certs.push(...(await certsFromPkcs7(body.der)));
    } else if (block.label !== "CERTIFICATE") out.otherBlocks.push(block.label);
    else if (!block.closed || !("der" in body)) out.unreadable.push(`block ${block.number} (line ${block.line})`);
    else {
      try {
        out.certs.push(parseCertificate(body.der));
      } catch {
        out.unreadable.push(`block ${block.number} (line ${block.line})`);
      }
    }
  }
  return out;
}

async function certsFromPkcs7(der: Buffer): Promise<Certificate[]> {
  const { loadX509 } = await import("./x509-lib.js");
  const x509 = await loadX509();
  try {
    const list = new x509.X509Certificates(new Uint8Array(der));
    return list.map((c) => parseCertificate(Buffer.from(c.rawData)));
  } catch (err) {
    throw new DecodeError(`the PKCS#7 bundle could not be read (${(err as Error).message})`);
  }
}

async function certsFromPkcs12(der: Buffer, password: string): Promise<{ certs: Certificate[]; keys: number }> {
  const { default: forge } = await import("node-forge");
  let p12: ReturnType<typeof forge.pkcs12.pkcs12FromAsn1>;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary")));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  } catch (err) {
    const message = (err as Error).message;
    if (/MAC could not be verified|Invalid password/i.test(message))
      throw new PasswordError("the PKCS#12 password is wrong");
    throw new DecodeError(`the PKCS#12 file could not be read (${message})`);
  }
  const bags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const certs = bags
    .map((bag) => (bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1))
    .flatMap((asn1) => (asn1 ? [parseCertificate(Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"))] : []));
  const keyBags = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag];
  return { certs, keys: keyBags?.length ?? 0 };
}
