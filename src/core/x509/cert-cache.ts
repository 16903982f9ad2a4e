import { type Certificate, parseCertificate } from "./certificate.js";
import { Memo } from "./memo.js";
import { checkSignature, signedBy } from "./signature.js";

/**
 * What one run (one `check` of many files, one `fix`, one gateway registration) has already worked out
 * about certificates. CI checks hundreds of bundles that share intermediates and roots: parsing and
 * verifying those once per run, not once per bundle, is most of the speed of a directory check. The
 * caller creates it per run and passes it down, so two runs in one process (tests, the gateway) never
 * see each other's certificates. Only CA facts are kept: leaves rarely repeat.
 */
export class CertCache {
  private readonly cas = new Memo<Certificate>();
  private readonly links = new Memo<boolean>();

  /** parseCertificate, answered from this run's memory for a CA certificate seen before. */
  parse(der: Buffer): Certificate {
    const key = der.toString("latin1");
    const known = this.cas.get(key);
    if (known) return known;
    const cert = parseCertificate(der);
    if (cert.basicConstraints?.ca) this.cas.set(key, cert);
    return cert;
  }

  /** signedBy, remembered for links between CA certificates, which repeat across the bundles of a run. */
  signedBy(child: Certificate, parent: Certificate): boolean {
    if (!child.basicConstraints?.ca) return signedBy(child, parent);
    const key = `${child.fingerprintSha256}>${parent.fingerprintSha256}`;
    const known = this.links.get(key);
    if (known !== undefined) return known;
    const answer = checkSignature(child, parent);
    // Not checked (the input's signature budget was spent) is no answer to keep for the next input.
    return answer === undefined ? false : this.links.set(key, answer);
  }
}
