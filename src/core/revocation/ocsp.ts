// OCSP (RFC 6960) request building and response checking, with the @peculiar ASN.1 schemas.
import { createHash, randomBytes, verify } from "node:crypto";
import * as ocsp from "@peculiar/asn1-ocsp";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, Extension } from "@peculiar/asn1-x509";
import { signatureHash } from "../x509/algorithms.js";
import { type Certificate, parseCertificate } from "../x509/certificate.js";
import { children, content, readTlv } from "../x509/der.js";
import { namesMatch } from "../x509/names.js";
import { EKU, OCSP_OID } from "../x509/oids.js";
import { signedBy } from "../x509/signature.js";

/** Clock skew tolerated between us and the responder (RFC 6960 §4.2.2.1 leaves it to local policy). */
const SKEW_MS = 5 * 60_000;

const REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "unused",
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
];

export interface OcspQuery {
  der: Buffer;
  nonce: Buffer;
}

export type OcspAnswer =
  | { status: "good" | "unknown"; thisUpdate: Date; nextUpdate?: Date }
  | { status: "revoked"; revokedAt: Date; reason?: string; thisUpdate: Date; nextUpdate?: Date };

export class OcspError extends Error {}

const sha1 = (data: Uint8Array) => createHash("sha1").update(data).digest();

/** SHA-1 of the subjectPublicKey BIT STRING value of an SPKI (RFC 6960 §4.1.1, the KeyHash). */
export function spkiKeyHash(spki: Buffer): Buffer {
  const [, bits] = children(spki, readTlv(spki, 0));
  return sha1(content(spki, bits).subarray(1));
}

function keyHash(issuer: Certificate): Buffer {
  return spkiKeyHash(issuer.spkiDer);
}

function certId(cert: Certificate, issuer: Certificate): ocsp.CertID {
  return new ocsp.CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: OCSP_OID.sha1, parameters: null }),
    // RFC 6960 §4.1.1: the hash of the issuer name as the checked certificate encodes it, which may differ
    // in bytes from the issuer's own subject (RFC 5280 §7.1).
    issuerNameHash: new OctetString(sha1(cert.issuerDer)),
    issuerKeyHash: new OctetString(keyHash(issuer)),
    serialNumber: new Uint8Array(cert.serialBytes).buffer,
  });
}

export function buildOcspRequest(cert: Certificate, issuer: Certificate): OcspQuery {
  const nonce = randomBytes(16);
  const nonceValue = AsnConvert.serialize(new OctetString(nonce));
  const request = new ocsp.OCSPRequest({
    tbsRequest: new ocsp.TBSRequest({
      requestList: [new ocsp.Request({ reqCert: certId(cert, issuer) })],
      requestExtensions: [
        new Extension({ extnID: OCSP_OID.nonce, critical: false, extnValue: new OctetString(nonceValue) }),
      ],
    }),
  });
  return { der: Buffer.from(AsnConvert.serialize(request)), nonce: Buffer.from(nonceValue) };
}

function verifiesWith(basic: ocsp.BasicOCSPResponse, signer: Certificate): boolean {
  const hash = signatureHash(basic.signatureAlgorithm.algorithm);
  if (hash === undefined || !basic.tbsResponseDataRaw) return false;
  try {
    return verify(hash, Buffer.from(basic.tbsResponseDataRaw), signer.publicKey, Buffer.from(basic.signature));
  } catch {
    return false;
  }
}

/** RFC 6960 §4.2.2.2: the issuer itself, or a responder certificate it issued with the OCSPSigning EKU. */
function checkSigner(basic: ocsp.BasicOCSPResponse, issuer: Certificate): void {
  if (verifiesWith(basic, issuer)) return;
  for (const raw of basic.certs ?? []) {
    const responder = parseCertificate(Buffer.from(AsnConvert.serialize(raw)));
    if (!verifiesWith(basic, responder)) continue;
    const issued = namesMatch(responder.issuerDer, issuer.subjectDer) && signedBy(responder, issuer);
    if (issued && responder.extKeyUsage?.includes(EKU.ocspSigning)) return;
    throw new OcspError("the response is signed by a responder certificate the issuer did not authorise (OCSPSigning)");
  }
  throw new OcspError("the response's signature does not verify with the issuer's key or an authorised responder");
}

/** Parses and checks a response for one certificate; throws OcspError when it is unusable. */
export function readOcspResponse(
  der: Buffer,
  cert: Certificate,
  issuer: Certificate,
  query: OcspQuery,
  at: Date,
): OcspAnswer {
  let response: ocsp.OCSPResponse;
  let basic: ocsp.BasicOCSPResponse;
  try {
    response = AsnConvert.parse(der, ocsp.OCSPResponse);
    if (response.responseStatus !== ocsp.OCSPResponseStatus.successful)
      throw new OcspError(`the responder answered "${ocsp.OCSPResponseStatus[response.responseStatus]}"`);
    if (!response.responseBytes || response.responseBytes.responseType !== OCSP_OID.basicResponse)
      throw new OcspError("the response is not a basic OCSP response");
    basic = AsnConvert.parse(response.responseBytes.response, ocsp.BasicOCSPResponse);
  } catch (err) {
    if (err instanceof OcspError) throw err;
    throw new OcspError(`the response is not valid OCSP (${(err as Error).message})`);
  }
  checkSigner(basic, issuer);
  const echoed = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OCSP_OID.nonce);
  if (echoed && !Buffer.from(echoed.extnValue.buffer).equals(query.nonce))
    throw new OcspError("the response's nonce does not match the request's");
  const wanted = Buffer.from(cert.serialBytes);
  const single = basic.tbsResponseData.responses.find((r) => Buffer.from(r.certID.serialNumber).equals(wanted));
  if (!single) throw new OcspError("the response does not cover this certificate's serial number");
  checkTimes(single, at);
  const times = { thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate };
  const revoked = single.certStatus.revoked;
  if (revoked) {
    const code = revoked.revocationReason?.reason;
    const reason = code === undefined ? undefined : (REASONS[code] ?? String(code));
    return { status: "revoked", revokedAt: revoked.revocationTime, reason, ...times };
  }
  return { status: single.certStatus.unknown !== undefined ? "unknown" : "good", ...times };
}

function checkTimes(single: ocsp.SingleResponse, at: Date): void {
  const t = at.getTime();
  if (single.thisUpdate.getTime() > t + SKEW_MS)
    throw new OcspError(`the response is dated in the future (thisUpdate ${single.thisUpdate.toISOString()})`);
  if (single.nextUpdate && single.nextUpdate.getTime() < t - SKEW_MS)
    throw new OcspError(`the response is stale (nextUpdate ${single.nextUpdate.toISOString()} has passed)`);
}
