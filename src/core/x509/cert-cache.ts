import type { KeyObject } from "node:crypto";
import type { BlockRead, KnownBlocks, ReadOptions } from "../input/read-blocks.js";
import { type Certificate, parseCertificate } from "./certificate.js";
import { isoString } from "./iso-time.js";
import { Memo } from "./memo.js";
import { checkSignature } from "./signature.js";

/**
 * A CA block read ahead of its turn: its base64 text, and how its certificate was found then: in the run's
 * memory of texts, parsed then (and so never remembered), or otherwise (by its DER, or read ahead before).
 */
interface AheadCa {
  text: string;
  found: "remembered" | "parsed" | "other";
}

/** How many trailing bytes of a DER (characters of base64) key a CA certificate: 48 bytes of its signature. */
const TAIL = 64;

/** The certificate a memory of block texts holds for this very text (keyed by its tail, confirmed whole). */
function byText(memo: Memo<{ text: string; cert: Certificate }>, base64: string): Certificate | undefined {
  const known = memo.get(base64.slice(-TAIL));
  return known?.text === base64 ? known.cert : undefined;
}

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
  // Inputs read ahead of their turn (cli/commands/check/file-reader.ts), and the signature checks started for
  // them: one each, by the input's Buffer and by the child certificate, so both die with the input.
  private readonly reads = new WeakMap<Buffer, { read: BlockRead; cas: AheadCa[]; changes: number }>();
  /** how many times the memories of CA certificates and texts were added to (a read ahead adds nothing) */
  #changes = 0;
  // CA blocks first read ahead of their turn: the next inputs read ahead share their certificates (a CA's
  // next bundles are usually read before its first is judged), as the run's memory would.
  private readonly aheadTexts = new Memo<{ text: string; cert: Certificate }>();
  private readonly ahead = new WeakMap<Certificate, { issuer: Certificate; answer?: boolean }>();

  /**
   * parseCertificate, answered from this run's memory for a CA certificate seen before; `parsed`: the
   * certificate of `der` already parsed (ahead of its turn) and never remembered, to keep instead of another.
   */
  parse(der: Buffer, parsed?: Certificate): Certificate {
    const known = this.#knownDer(der);
    if (known) return known;
    const cert = parsed ?? parseCertificate(der);
    if (!cert.basicConstraints?.ca) return cert;
    this.cas.set(der.toString("latin1", Math.max(0, der.length - TAIL)), cert);
    this.#changes++;
    return cert;
  }

  #knownDer(der: Buffer): Certificate | undefined {
    const known = this.cas.get(der.toString("latin1", Math.max(0, der.length - TAIL)));
    return known?.der.equals(der) ? known : undefined;
  }

  /** A CA certificate this run read from this very base64 text of a PEM block (read-blocks.ts). */
  knownText(base64: string): Certificate | undefined {
    return byText(this.casByText, base64);
  }

  /** Remembers the base64 text a CA certificate was read from, so the next block of that text is not decoded. */
  rememberText(base64: string, cert: Certificate): void {
    if (!cert.basicConstraints?.ca) return;
    this.casByText.set(base64.slice(-TAIL), { text: base64, cert });
    this.#changes++;
  }

  /** signedBy, remembered for links between CA certificates, which repeat across the bundles of a run. */
  signedBy(child: Certificate, parent: Certificate): boolean {
    if (!child.basicConstraints?.ca) {
      const slot = this.ahead.get(child);
      const ahead = slot?.issuer === parent ? slot : undefined;
      // Taken once, by the check it is for (a self-issued leaf asks about itself first): the leaf is long-lived
      // (read a batch ahead), and an entry kept would outlive scavenges.
      if (ahead) this.ahead.delete(child);
      return checkSignature(child, parent, ahead?.answer) === true;
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

  /**
   * readBlocks' readers for `bytes` read ahead of their turn: they look in this run's memory and add nothing to
   * it, for the inputs judged before them may still add and forget CAs (a PKCS#7 file, standard input, a
   * Secret: each read at its turn), and what the run remembers is what a signature costs (docs/limits.md).
   * Each CA block is noted, for takeRead to remember it at the turn just as a read then would have.
   */
  readAhead(bytes: Buffer, read: (readers: Required<Pick<ReadOptions, "parse" | "known">>) => BlockRead): BlockRead {
    const cas: AheadCa[] = [];
    const fresh = new WeakSet<Certificate>();
    const parse = (der: Buffer) => {
      const known = this.#knownDer(der);
      if (known) return known;
      const cert = parseCertificate(der);
      fresh.add(cert);
      return cert;
    };
    const known: KnownBlocks = {
      knownText: (text) => {
        const remembered = this.knownText(text);
        if (remembered) cas.push({ text, found: "remembered" });
        const cert = remembered ?? byText(this.aheadTexts, text);
        if (cert && !remembered) cas.push({ text, found: "other" });
        return cert;
      },
      rememberText: (text, cert) => {
        if (!cert.basicConstraints?.ca) return;
        cas.push({ text, found: fresh.has(cert) ? "parsed" : "other" });
        this.aheadTexts.set(text.slice(-TAIL), { text, cert });
      },
    };
    const kept = read({ parse, known });
    this.reads.set(bytes, { read: kept, cas, changes: this.#changes });
    return kept;
  }

  /**
   * What readBlocks made of these very bytes ahead of their turn (readAhead), once: its CA blocks remembered
   * now, in order, as reading them now would (the run's memory of one may have gone, or come, meanwhile).
   */
  takeRead(bytes: Buffer): BlockRead | undefined {
    const kept = this.reads.get(bytes);
    if (!kept) return undefined;
    this.reads.delete(bytes);
    // Nothing remembered or forgotten since, and every CA found in memory: reading them now finds the same.
    if (kept.changes === this.#changes && kept.cas.every((ca) => ca.found === "remembered")) return kept.read;
    const swapped = new Map<Certificate, Certificate>();
    let next = 0;
    for (const item of kept.read.items) {
      const cert = item.kind === "certificate" ? item.cert : item.kind === "malformed" ? item.partial : undefined;
      if (!cert?.basicConstraints?.ca) continue;
      const now = this.#rememberAhead(cert, kept.cas[next++]);
      if (now === cert) continue;
      if (item.kind === "certificate") item.cert = now;
      else if (item.kind === "malformed") item.partial = now;
      swapped.set(cert, now);
    }
    if (swapped.size) this.#reissue(kept.read, swapped);
    return kept.read;
  }

  /** A CA block read ahead, remembered at its turn: the certificate that reading its text now gives. */
  #rememberAhead(cert: Certificate, { text, found }: AheadCa): Certificate {
    const known = this.knownText(text);
    if (known) return known;
    // Parsed ahead from bytes the run had not remembered: that certificate is the one a read now would make.
    const now = this.parse(cert.der, found === "parsed" ? cert : undefined);
    this.rememberText(text, now);
    return now;
  }

  /** A leaf's signature check started with an issuer that its turn reads as another, equal, object. */
  #reissue(read: BlockRead, swapped: Map<Certificate, Certificate>): void {
    for (const item of read.items) {
      const slot = item.kind === "certificate" ? this.ahead.get(item.cert) : undefined;
      const issuer = slot && swapped.get(slot.issuer);
      if (slot && issuer) slot.issuer = issuer;
    }
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
   * A date's ISO text (isoString), remembered by its time: leaves issued together share their validity
   * dates, and Date.prototype.toISOString was 30 ms of a 10,000-bundle run. Bounded like the other memories.
   */
  isoTime(date: Date): string {
    const time = date.getTime();
    return this.isoTimes.get(time) ?? this.isoTimes.set(time, isoString(date));
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
