import { issue } from "../../src/lab/make-certs.js";
import { type OcspResponder, startOcspResponder } from "../../src/lab/ocsp-responder.js";

/** A client chain whose leaf names a live OCSP responder on 127.0.0.1, as a CA-issued one would. */
export async function chainWithOcsp(org: string) {
  const root = await issue({ subject: `CN=${org} Root CA, O=${org}`, ca: true });
  const intermediate = await issue({ subject: `CN=${org} Issuing CA, O=${org}`, ca: true, issuer: root });
  const responder: OcspResponder = await startOcspResponder(intermediate);
  const leaf = await issue({
    subject: `CN=${org} client, O=${org}`,
    issuer: intermediate,
    clientAuth: true,
    aia: { ocsp: responder.url },
  });
  return { root, intermediate, leaf, responder, bundle: leaf.pem + intermediate.pem + root.pem };
}
