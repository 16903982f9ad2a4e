import type { KeyObject } from "node:crypto";
import type { BlockRead } from "../input/read-blocks.js";
import { type Certificate, parseCertificate } from "./certificate.js";
import { Memo } from "./memo.js";
import { checkSignature } from "./signature.js";

/** How many trailing bytes of a DER (characters of base64) key a CA certificate: 48 bytes of its signature. */
const TAIL = 64;

/**
 * What one run (one `check` of many files, one `fix`, one gateway registration) has already worked out
 * about certificates. CI checks hundreds of bundles that share intermediates and roots: parsing and
 * verifying those once per run, not once per bundle, is most of the speed of a directory check. The
 * caller creates it per run and passes it down, so two runs in one process (tests, the gateway) never
 * see each other's certificates. Only CA facts are kept: leaves rarely repeat.
 */
export class CertCache {
  // Keyed by the last bytes of the DER (or characters of the base64): they are the signature's, as good as
  // random, and a key of a few dozen characters is hashed in a fraction of the time of the whole text, which
  // every leaf (looked up, never found) paid twice. A hit is confirmed on the whole DER or text.
  private readonly cas = new Memo<Certificate>();
  private readonly casByText = new Memo<{ text: string; cert: Certificate }>();
  // By the certificate objects (parse gives one per CA DER), not by a key of two fingerprints built per lookup.
  private readonly links = new WeakMap<Certificate, WeakMap<Certificate, boolean>>();
  private readonly answers = new WeakMap<Certificate, Map<string, unknown>>();
  private readonly spkis = new WeakMap<KeyObject, Buffer>();
  private readonly isoTimes = new Memo<string, number>();
  // Inputs read ahead of their turn (core/prepare-bundle.ts), and the signature checks started for them: one
  // each, by the input's Buffer and by the child certificate, so both die with the input.
  private readonly reads = new WeakMap<Buffer, BlockRead>();
  private readonly ahead = new WeakMap<Certificate, { issuer: Certificate; answer?: boolean }>();

  /** parseCertificate, answered from this run's memory for a CA certificate seen before. */
  parse(der: Buffer): Certificate {
    const key = der.toString("latin1", Math.max(0, der.length - TAIL));
    const known = this.cas.get(key);
    if (known?.der.equals(der)) return known;
    const cert = parseCertificate(der);
    if (cert.basicConstraints?.ca) this.cas.set(key, cert);
    return cert;
  }

  /** A CA certificate this run read from this very base64 text of a PEM block (read-blocks.ts). */
  knownText(base64: string): Certificate | undefined {
    const known = this.casByText.get(base64.slice(-TAIL));
    return known?.text === base64 ? known.cert : undefined;
  }

  /** Remembers the base64 text a CA certificate was read from, so the next block of that text is not decoded. */
  rememberText(base64: string, cert: Certificate): void {
    if (cert.basicConstraints?.ca) this.casByText.set(base64.slice(-TAIL), { text: base64, cert });
  }

  /** signedBy, remembered for links between CA certificates, which repeat across the bundles of a run. */
  signedBy(child: Certificate, parent: Certificate): boolean {
    if (!child.basicConstraints?.ca) {
      const ahead = this.ahead.get(child);
      return checkSignature(child, parent, ahead?.issuer === parent ? ahead.answer : undefined) === true;
    }
    let parents = this.links.get(child);
    if (!parents) {
      parents = new WeakMap();
      this.links.set(child, parents);
    }
    const known = parents.get(parent);
    if (known !== undefined) return known;
    const answer = checkSignature(child, parent);
    // Not checked (the input's signature budget was spent) is no answer to keep for the next input.
    if (answer === undefined) return false;
    parents.set(parent, answer);
    return answer;
  }

  /** Keeps what readBlocks made of `bytes` for readBundle to take, instead of reading them again at their turn. */
  keepRead(bytes: Buffer, read: BlockRead): void {
    this.reads.set(bytes, read);
  }

  /** What readBlocks made of these very bytes ahead of their turn (keepRead), once. */
  takeRead(bytes: Buffer): BlockRead | undefined {
    const read = this.reads.get(bytes);
    if (read) this.reads.delete(bytes);
    return read;
  }

  /**
   * Notes that `child`'s signature by `parent` is being worked out on another thread (signature-worker.ts):
   * signedBy takes the answer once it is set on the returned slot. Leaves only (CA links are remembered
   * anyway), once per certificate; undefined otherwise.
   */
  expectSignature(child: Certificate, parent: Certificate): { answer?: boolean } | undefined {
    if (child.basicConstraints?.ca || this.ahead.has(child)) return undefined;
    const slot: { issuer: Certificate; answer?: boolean } = { issuer: parent };
    this.ahead.set(child, slot);
    return slot;
  }

  /**
   * `work`'s answer about a CA certificate, worked out once per run: a CA shared by every bundle of a folder
   * is one object here (`parse`), so its summary, its report text and its rules' answers need not be worked
   * out again for each bundle. `what` names the question and everything else the answer depends on (the
   * certificate's index and role in the bundle, the run's `--at`). Keyed by the certificate object, the
   * answers die with it; a leaf's are not kept, since leaves rarely repeat.
   */
  ofCa<T>(cert: Certificate, what: string, work: () => T): T {
    if (!cert.basicConstraints?.ca) return work();
    let known = this.answers.get(cert);
    if (!known) {
      known = new Map();
      this.answers.set(cert, known);
    }
    if (known.has(what)) return known.get(what) as T;
    const answer = work();
    known.set(what, answer);
    return answer;
  }

  /**
   * A date's toISOString, remembered by its time: leaves issued together share their validity dates, and
   * Date.prototype.toISOString was 30 ms of a 10,000-bundle run. Bounded like the other memories.
   */
  isoTime(date: Date): string {
    const time = date.getTime();
    return this.isoTimes.get(time) ?? this.isoTimes.set(time, date.toISOString());
  }

  /** The SubjectPublicKeyInfo DER of a public key (`--key`'s), exported once per run, not twice per bundle. */
  spkiOf(key: KeyObject): Buffer {
    let spki = this.spkis.get(key);
    if (!spki) {
      spki = key.export({ type: "spki", format: "der" });
      this.spkis.set(key, spki);
    }
    return spki;
  }
}
