// A minimal OCSP responder (RFC 6960) for the local gateway journey and the demo: it answers for one
// issuing CA, signed with the CA's own key. Tests use `openssl ocsp` as the independent responder.
import { createHash, createPrivateKey, sign } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as ocsp from "@peculiar/asn1-ocsp";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, Certificate } from "@peculiar/asn1-x509";
import { spkiKeyHash } from "../core/revocation/ocsp.js";
import { ECDSA_WITH_SHA256 } from "../core/x509/algorithms.js";
import { OCSP_OID } from "../core/x509/oids.js";
import { normaliseSerial, serialHex } from "../core/x509/serial.js";
import type { Made } from "./make-certs.js";

export interface OcspResponder {
  url: string;
  revoke(serialHex: string): void;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  if (req.method === "GET") return Buffer.from(decodeURIComponent((req.url ?? "/").slice(1)), "base64");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) throw new Error("request too large");
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** How a rehearsal answer is bent, to show what a checker must refuse. */
export interface AnswerShape {
  thisUpdate?: Date;
  /** null: no nextUpdate at all */
  nextUpdate?: Date | null;
  /** a delegated responder (OCSPSigning certificate) signs, and its certificate travels in the answer */
  responder?: Made;
  /** the CertID names this CA instead (same serial): an answer about another issuer's certificate */
  certIdIssuer?: Made;
}

function certIdFor(reqCert: ocsp.CertID, other?: Made): ocsp.CertID {
  if (!other) return reqCert;
  const hash = (data: ArrayBuffer) => new OctetString(createHash("sha1").update(Buffer.from(data)).digest());
  return new ocsp.CertID({
    hashAlgorithm: reqCert.hashAlgorithm,
    issuerNameHash: hash(other.cert.subjectName.toArrayBuffer()),
    issuerKeyHash: new OctetString(spkiKeyHash(Buffer.from(other.cert.publicKey.rawData))),
    serialNumber: reqCert.serialNumber,
  });
}

function answer(der: Buffer, issuer: Made, revoked: Set<string>, shape: AnswerShape = {}): Buffer {
  const request = AsnConvert.parse(der, ocsp.OCSPRequest);
  const now = new Date();
  const thisUpdate = shape.thisUpdate ?? now;
  const responses = request.tbsRequest.requestList.map((r) => {
    const serial = serialHex(new Uint8Array(r.reqCert.serialNumber));
    const certStatus = revoked.has(serial)
      ? new ocsp.CertStatus({ revoked: new ocsp.RevokedInfo({ revocationTime: new Date(now.getTime() - 3600_000) }) })
      : new ocsp.CertStatus({ good: null });
    const nextUpdate = shape.nextUpdate === null ? undefined : (shape.nextUpdate ?? new Date(now.getTime() + 3600_000));
    return new ocsp.SingleResponse({
      certID: certIdFor(r.reqCert, shape.certIdIssuer),
      certStatus,
      thisUpdate,
      nextUpdate,
    });
  });
  const signer = shape.responder ?? issuer;
  const spki = Buffer.from(signer.cert.publicKey.rawData);
  const data = new ocsp.ResponseData({
    responderID: new ocsp.ResponderID({ byKey: new OctetString(spkiKeyHash(spki)) }),
    producedAt: now,
    responses,
    responseExtensions: request.tbsRequest.requestExtensions?.filter((e) => e.extnID === OCSP_OID.nonce),
  });
  const tbs = Buffer.from(AsnConvert.serialize(data));
  const key = createPrivateKey(signer.keyPem);
  const basic = new ocsp.BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
    signature: new Uint8Array(sign("sha256", tbs, key)).buffer,
    certs: shape.responder ? [AsnConvert.parse(shape.responder.cert.rawData, Certificate)] : undefined,
  });
  const response = new ocsp.OCSPResponse({
    responseStatus: ocsp.OCSPResponseStatus.successful,
    responseBytes: new ocsp.ResponseBytes({
      responseType: OCSP_OID.basicResponse,
      response: new OctetString(AsnConvert.serialize(basic)),
    }),
  });
  return Buffer.from(AsnConvert.serialize(response));
}

/**
 * `getOnly` answers POST with 405, like responders behind caches that only serve RFC 6960 §A.1 GETs;
 * `shape` bends every answer (tests of what a checker must refuse).
 */
export async function startOcspResponder(
  issuer: Made,
  opts: { host?: string; getOnly?: boolean; shape?: AnswerShape } = {},
): Promise<OcspResponder> {
  const host = opts.host ?? "127.0.0.1";
  const revoked = new Set<string>();
  const server: Server = createServer((req, res) => {
    if (opts.getOnly && req.method !== "GET") {
      res.writeHead(405).end();
      return;
    }
    body(req)
      .then((der) =>
        res
          .writeHead(200, { "content-type": "application/ocsp-response" })
          .end(answer(der, issuer, revoked, opts.shape)),
      )
      .catch(() => res.writeHead(400).end());
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    revoke: (serial) => revoked.add(normaliseSerial(serial)),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
