import { type Certificate, certLabel } from "../x509/certificate.js";
import { sameSerial } from "../x509/serial.js";
import { loadX509 } from "../x509-lib.js";
import { type FetchedAnswer, type Judged, refusedWhy } from "./answer.js";
import { revoked, unavailable } from "./findings.js";
import type { ChainLink } from "./plan.js";

export interface CrlItem {
  link: ChainLink;
  issuer: Certificate;
  url: string;
}

/** What a downloaded CRL (RFC 5280 §5) means for one certificate at `at`: signed by the issuer, fresh, listing it or not. */
export async function judgeCrl({ link, issuer, url }: CrlItem, answer: FetchedAnswer, at: Date): Promise<Judged> {
  const { cert, index } = link;
  try {
    if (!answer.ok) throw new Error(answer.message);
    const x509 = await loadX509();
    const crl = new x509.X509Crl(new Uint8Array(answer.body));
    const signer = new x509.X509Certificate(new Uint8Array(issuer.der));
    if (!(await crl.verify({ publicKey: signer })))
      throw new Error("its signature does not verify with the issuer's key");
    if (crl.nextUpdate && crl.nextUpdate.getTime() < at.getTime())
      throw new Error(`it is stale (nextUpdate ${crl.nextUpdate.toISOString()})`);
    const entry = crl.entries.find((e) => sameSerial(e.serialNumber, cert.serialNumber));
    const detail = `${certLabel(cert)}: CRL ${entry ? "revoked" : "good"} (${url})`;
    if (!entry) return { detail };
    const reason = entry.reason === undefined ? undefined : String(entry.reason);
    return { detail, finding: revoked(cert, index, entry.revocationDate, reason) };
  } catch (err) {
    return {
      detail: `${certLabel(cert)}: CRL unavailable (${(err as Error).message})`,
      finding: unavailable(
        cert,
        refusedWhy(answer) ?? `the CRL at ${url} is unusable: ${(err as Error).message}`,
        index,
      ),
    };
  }
}
