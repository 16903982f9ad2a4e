import { analyzeChain } from "./chain/chain.js";
import { readBundle } from "./input/read-bundle.js";
import type { Certificate } from "./x509/certificate.js";
import { normaliseSerial } from "./x509/serial.js";

// ConnectPay's application matches the certificate in the handshake against the one attached to the DevApp
// by serial number and Common Name (docs/connectpay.md §1, Certificates). `check --registered` and the
// rehearsal gateway (src/lab/gateway-server.ts) both judge with these functions, so they cannot disagree.

// Node's TLS peer certificate and our parser spell serials differently: one normaliser for both.
export { normaliseSerial };

/** What ConnectPay keeps of a registered certificate. */
export interface Registration {
  serial: string;
  cn: string;
}

export function registrationOf(cert: { serialNumber: string; subjectCN?: string }): Registration {
  return { serial: normaliseSerial(cert.serialNumber), cn: cert.subjectCN ?? "" };
}

export function sameRegistration(a: Registration, b: Registration): boolean {
  return a.serial === b.serial && a.cn === b.cn;
}

/** The leaf of a registered bundle, the way the gateway finds it: the start of the chain's path. */
export function registeredLeaf(bytes: Buffer, name: string): Certificate | undefined {
  const { entries } = readBundle(bytes, name);
  const path = analyzeChain(entries).path;
  return path.length ? entries[path[0]].cert : undefined;
}

/** What differs between the leaf and the registered certificate: serial, CN (what is matched) and issuer. */
export function registrationDifferences(leaf: Certificate, registered: Certificate): string[] {
  const [now, was] = [registrationOf(leaf), registrationOf(registered)];
  const out: string[] = [];
  if (now.serial !== was.serial) out.push(`serial ${now.serial} (registered: ${was.serial})`);
  if (now.cn !== was.cn) out.push(`CN "${now.cn}" (registered: "${was.cn}")`);
  if (out.length && leaf.issuer !== registered.issuer)
    out.push(`issuer ${leaf.issuer} (registered: ${registered.issuer})`);
  return out;
}
