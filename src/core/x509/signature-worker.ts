import type { Worker } from "node:worker_threads";
import type { CertCache } from "./cert-cache.js";
import type { Certificate } from "./certificate.js";
import { signatureCall } from "./signature.js";

// The thread's whole program: verify() on each signature of a batch, as checkSignature would call it (the key
// made from the very SubjectPublicKeyInfo DER Certificate.publicKey is made from: spki-key.ts's JWK route for
// some EC keys builds the same key, or refuses the same DER), and the answers back in one
// message. Keys travel as DER text: KeyObjects cloned into the messages made postMessage about twice as slow.
// Plain JavaScript run by Node (eval), so it is the same in the bundle and in the sources the tests load, and
// needs nothing but node:crypto.
const PROGRAM = `
const { parentPort } = require("node:worker_threads");
const { createPublicKey, verify } = require("node:crypto");
const known = new Map();
const keyOf = (spki) => {
  let key = known.get(spki);
  if (!key) {
    if (known.size >= 256) known.clear();
    key = createPublicKey({ key: Buffer.from(spki, "latin1"), format: "der", type: "spki" });
    known.set(spki, key);
  }
  return key;
};
parentPort.on("message", ({ bytes, keys, calls }) => {
  const answers = new Uint8Array(calls.length / 4);
  for (let i = 0, at = 0; i < answers.length; i++, at += 4) {
    const dataEnd = calls[at + 2];
    const end = calls[at + 3];
    const start = i === 0 ? 0 : calls[at - 1];
    try {
      const key = keyOf(keys[calls[at + 1]]);
      const data = new Uint8Array(bytes, start, dataEnd - start);
      const signature = new Uint8Array(bytes, dataEnd, end - dataEnd);
      answers[i] = verify(calls[at], data, key, signature) ? 1 : 2;
    } catch {
      answers[i] = 2;
    }
  }
  parentPort.postMessage(answers, [answers.buffer]);
});
`;

interface Call {
  hash: string | null;
  /** the issuer's SubjectPublicKeyInfo DER */
  spki: Buffer;
  data: Uint8Array;
  signature: Uint8Array;
  slot: { answer?: boolean };
}

/**
 * A second thread that checks leaves' signatures while this one reads and judges bundles: at 10,000 bundles one
 * ECDSA check was a third of each bundle's time, and a run has a second core. Calls are sent in batches (one
 * message each way per batch: a message per signature cost more than it saved). Answers land in the run's
 * CertCache, where analyzeChain takes them at the very point, after the very budget, of the call it would
 * have made: nothing is decided here. If the thread fails, its answers never come, and each bundle checks
 * its own signature as before.
 */
export class SignatureWorker {
  #worker: Worker | undefined;
  #calls: Call[] = [];
  /** the batches sent and not answered yet, oldest first (the thread answers in order) */
  #waiting: { calls: Call[]; settle: () => void }[] = [];
  #broken = false;
  #answered = false;

  /** The thread has answered a batch: it is running, and its answers are worth waiting for. */
  get ready(): boolean {
    return this.#answered && !this.#broken;
  }

  /**
   * Queues `child`'s check by `issuer` for the next flush: the slot its answer will be set on, or undefined
   * when the check is left to the bundle's turn.
   */
  queue(child: Certificate, issuer: Certificate, cache: CertCache): { readonly answer?: boolean } | undefined {
    if (this.#broken) return undefined;
    const call = signatureCall(child, issuer);
    const slot = call && cache.expectSignature(child, issuer);
    if (!call || !slot) return undefined;
    this.#calls.push({
      hash: call.hash,
      spki: issuer.spkiDer,
      data: child.tbsDer,
      signature: child.signatureValue,
      slot,
    });
    return slot;
  }

  /** Sends the queued calls; settles (never rejects) once their answers are in the cache, or the thread failed. */
  flush(): Promise<void> {
    const calls = this.#calls;
    this.#calls = [];
    const worker = calls.length > 0 ? this.#start() : undefined;
    if (!worker) return Promise.resolve();
    let settle = () => {};
    const answered = new Promise<void>((resolve) => {
      settle = resolve;
    });
    this.#waiting.push({ calls, settle });
    try {
      const message = batch(calls);
      worker.postMessage(message, [message.bytes]);
    } catch {
      this.#fail();
    }
    return answered;
  }

  /** Ends the thread (the run's last bundle is judged); a batch still out settles unanswered. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#fail();
    await worker?.terminate();
  }

  /** The thread, started on first use; undefined once it failed (or could not start: a container's thread limit). */
  #start(): Worker | undefined {
    if (this.#broken || this.#worker) return this.#worker;
    try {
      // Loaded here, not at the top: a run of few files starts no thread, and node:worker_threads (and what it
      // loads) cost each cold `check` ~40 page faults.
      const { Worker } = process.getBuiltinModule("node:worker_threads");
      const worker = new Worker(PROGRAM, { eval: true, resourceLimits: LIMITS });
      worker.on("message", (answers: Uint8Array) => {
        const batch = this.#waiting.shift();
        this.#answered = true;
        if (!batch) return;
        for (let i = 0; i < batch.calls.length; i++) batch.calls[i].slot.answer = answers[i] === 1;
        batch.settle();
      });
      // Listened to for the thread's whole life: an 'error' nobody listens to would end the process.
      worker.on("error", () => this.#fail()).on("exit", () => this.#fail());
      this.#worker = worker;
    } catch {
      this.#fail();
    }
    return this.#worker;
  }

  /** No answer will come: every batch out settles unanswered, and nothing more is sent. */
  #fail(): void {
    this.#broken = true;
    for (const batch of this.#waiting.splice(0)) batch.settle();
  }
}

// The thread holds two batches at most: a small heap is plenty, and a run's peak memory is a goal.
const LIMITS = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };

/**
 * One buffer (moved, not copied, to the thread) holding every call's signed data and signature back to back;
 * `calls` gives, per call, its hash, the index of its key in `keys` (a CA's key is sent once) and the ends of
 * its data and its signature.
 */
function batch(calls: Call[]) {
  const size = calls.reduce((n, c) => n + c.data.length + c.signature.length, 0);
  const bytes = new Uint8Array(size);
  const keys: string[] = [];
  const keyIndex = new Map<Buffer, number>();
  const table: (string | number | null)[] = [];
  let at = 0;
  for (const c of calls) {
    let k = keyIndex.get(c.spki);
    if (k === undefined) {
      k = keys.push(c.spki.toString("latin1")) - 1;
      keyIndex.set(c.spki, k);
    }
    bytes.set(c.data, at);
    at += c.data.length;
    const dataEnd = at;
    bytes.set(c.signature, at);
    at += c.signature.length;
    table.push(c.hash, k, dataEnd, at);
  }
  return { bytes: bytes.buffer, keys, calls: table };
}
