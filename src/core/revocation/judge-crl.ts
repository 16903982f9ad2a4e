import { revokedFinding, unavailableFinding } from "../findings/revocation.js";
import { type Certificate, certLabel } from "../x509/certificate.js";
import { type FetchedAnswer, type Judged, refusedWhy } from "./answer.js";
import { crlSignedBy, findCrlEntry, parseCrl } from "./crl.js";
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
    const crl = parseCrl(answer.body);
    if (!crlSignedBy(crl, issuer.publicKey)) throw new Error("its signature does not verify with the issuer's key");
    if (crl.nextUpdate && crl.nextUpdate.getTime() < at.getTime())
      throw new Error(`it is stale (nextUpdate ${crl.nextUpdate.toISOString()})`);
    // Without nextUpdate (RFC 5280 §5.1.2.5 requires it) the entries still count: a listed serial is revoked.
    const entry = findCrlEntry(crl, cert.serialNumber);
    const note = crl.nextUpdate ? "" : ", CRL has no nextUpdate";
    const detail = `${certLabel(cert)}: CRL ${entry ? "revoked" : "good"} (${url}${note})`;
    if (!entry) return { detail };
    const reason = entry.reason === undefined ? undefined : String(entry.reason);
    return { detail, finding: revokedFinding(cert, index, entry.revocationDate, reason) };
  } catch (err) {
    return {
      detail: `${certLabel(cert)}: CRL unavailable (${(err as Error).message})`,
      finding: unavailableFinding(
        cert,
        refusedWhy(answer) ?? `the CRL at ${url} is unusable: ${(err as Error).message}`,
        index,
      ),
    };
  }
}
