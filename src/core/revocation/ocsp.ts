// OCSP (RFC 6960) request building and response checking, with the @peculiar ASN.1 schemas.
import { createHash, randomBytes, verify } from "node:crypto";
import * as ocsp from "@peculiar/asn1-ocsp";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, Extension } from "@peculiar/asn1-x509";
import { signatureHash } from "../x509/algorithms.js";
import { type Certificate, parseCertificate } from "../x509/certificate.js";
import { children, content, readTlv } from "../x509/der.js";
import { isoString } from "../x509/iso-time.js";
import { namesMatch } from "../x509/names.js";
import { EKU, OCSP_OID } from "../x509/oids.js";
import { signedBy } from "../x509/signature.js";
import { CRL_REASONS as REASONS } from "./crl.js";
import { staleness, tooOldForGood } from "./freshness.js";

/** CertID hash algorithms a responder may answer with (RFC 6960 §4.1.1 names SHA-1; RFC 6960 §4.3 allows others). */
const CERT_ID_HASHES: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

export interface OcspQuery {
  der: Buffer;
  nonce: Buffer;
}

interface OcspTimes {
  thisUpdate: Date;
  nextUpdate?: Date;
  producedAt: Date;
}

export type OcspAnswer =
  | ({ status: "good" | "unknown" } & OcspTimes)
  | ({ status: "revoked"; revokedAt: Date; reason?: string } & OcspTimes);

export class OcspError extends Error {}

const sha1 = (data: Uint8Array) => createHash("sha1").update(data).digest();

/** The hash (SHA-1 unless named) of the subjectPublicKey BIT STRING value of an SPKI (RFC 6960 §4.1.1, the KeyHash). */
export function spkiKeyHash(spki: Buffer, algorithm = "sha1"): Buffer {
  const [, bits] = children(spki, readTlv(spki, 0));
  return createHash(algorithm).update(content(spki, bits).subarray(1)).digest();
}

function keyHash(issuer: Certificate, algorithm = "sha1"): Buffer {
  return spkiKeyHash(issuer.spkiDer, algorithm);
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

/**
 * RFC 6960 §4.2.2.2: the issuer itself, or a responder certificate it issued with the OCSPSigning EKU,
 * valid at the time judged.
 */
function checkSigner(basic: ocsp.BasicOCSPResponse, issuer: Certificate, at: Date): void {
  if (verifiesWith(basic, issuer)) return;
  for (const raw of basic.certs ?? []) {
    const responder = parseCertificate(Buffer.from(AsnConvert.serialize(raw)));
    if (!verifiesWith(basic, responder)) continue;
    const issued = namesMatch(responder.issuerDer, issuer.subjectDer) && signedBy(responder, issuer);
    if (!issued || !responder.extKeyUsage?.includes(EKU.ocspSigning))
      throw new OcspError(
        "the response is signed by a responder certificate the issuer did not authorise (OCSPSigning)",
      );
    const t = at.getTime();
    if (responder.notBefore.getTime() > t || responder.notAfter.getTime() < t)
      throw new OcspError(
        `the delegated responder's certificate is not valid at ${isoString(at)} (${isoString(responder.notBefore)} to ${isoString(responder.notAfter)})`,
      );
    return;
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
  checkSigner(basic, issuer, at);
  const echoed = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OCSP_OID.nonce);
  if (echoed && !Buffer.from(echoed.extnValue.buffer).equals(query.nonce))
    throw new OcspError("the response's nonce does not match the request's");
  const single = singleFor(basic, cert, issuer);
  const stale = staleness(single.thisUpdate, single.nextUpdate, at);
  if (stale) throw new OcspError(`the response is unusable: ${stale}`);
  const times = {
    thisUpdate: single.thisUpdate,
    nextUpdate: single.nextUpdate,
    producedAt: basic.tbsResponseData.producedAt,
  };
  const revoked = single.certStatus.revoked;
  if (revoked) {
    const code = revoked.revocationReason?.reason;
    const reason = code === undefined ? undefined : (REASONS[code] ?? String(code));
    return { status: "revoked", revokedAt: revoked.revocationTime, reason, ...times };
  }
  if (single.certStatus.unknown !== undefined) return { status: "unknown", ...times };
  const old = tooOldForGood(single.thisUpdate, single.nextUpdate, at);
  if (old) throw new OcspError(`the "good" answer is too old: ${old}`);
  return { status: "good", ...times };
}

/**
 * The SingleResponse for this certificate: its serial, and a CertID naming this issuer (RFC 6960 §4.1.1:
 * the hash of the issuer's name and of its key). A serial alone could be another CA's certificate.
 */
function singleFor(basic: ocsp.BasicOCSPResponse, cert: Certificate, issuer: Certificate): ocsp.SingleResponse {
  const wanted = Buffer.from(cert.serialBytes);
  const sameSerial = basic.tbsResponseData.responses.filter((r) => Buffer.from(r.certID.serialNumber).equals(wanted));
  if (sameSerial.length === 0) throw new OcspError("the response does not cover this certificate's serial number");
  const single = sameSerial.find((r) => namesThisIssuer(r.certID, cert, issuer));
  if (!single) throw new OcspError("the response's CertID names another issuer (name or key hash differs)");
  return single;
}

function namesThisIssuer(id: ocsp.CertID, cert: Certificate, issuer: Certificate): boolean {
  const algorithm = CERT_ID_HASHES[id.hashAlgorithm.algorithm];
  if (!algorithm) return false;
  const hash = (data: Uint8Array) => createHash(algorithm).update(data).digest();
  const nameHash = Buffer.from(id.issuerNameHash.buffer);
  const nameOk = nameHash.equals(hash(cert.issuerDer)) || nameHash.equals(hash(issuer.subjectDer));
  return nameOk && Buffer.from(id.issuerKeyHash.buffer).equals(keyHash(issuer, algorithm));
}
