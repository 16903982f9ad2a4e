import type { KeyObject } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { CertCache } from "./cert-cache.js";
import type { Certificate } from "./certificate.js";
import { signatureCall } from "./signature.js";

// The thread's whole program: verify() on each signature of a batch, as checkSignature would call it, and the
// answers back in one message. Plain JavaScript run by Node (eval), so it is the same in the bundle and in the
// sources the tests load, and needs nothing but node:crypto.
const PROGRAM = `
const { parentPort } = require("node:worker_threads");
const { verify } = require("node:crypto");
parentPort.on("message", ({ bytes, keys, calls }) => {
  const answers = new Uint8Array(calls.length / 4);
  for (let i = 0, at = 0; i < answers.length; i++, at += 4) {
    const [hash, key, dataEnd, end] = [calls[at], keys[calls[at + 1]], calls[at + 2], calls[at + 3]];
    const start = i === 0 ? 0 : calls[at - 1];
    try {
      const data = new Uint8Array(bytes, start, dataEnd - start);
      const signature = new Uint8Array(bytes, dataEnd, end - dataEnd);
      answers[i] = verify(hash, data, key, signature) ? 1 : 2;
    } catch {
      answers[i] = 2;
    }
  }
  parentPort.postMessage(answers, [answers.buffer]);
});
`;

interface Call {
  hash: string | null;
  key: KeyObject;
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

  /**
   * Queues `child`'s check by `issuer` for the next flush: the slot its answer will be set on, or undefined
   * when the check is left to the bundle's turn.
   */
  queue(child: Certificate, issuer: Certificate, cache: CertCache): { readonly answer?: boolean } | undefined {
    if (this.#broken) return undefined;
    const call = signatureCall(child, issuer);
    const slot = call && cache.expectSignature(child, issuer);
    if (!call || !slot) return undefined;
    this.#calls.push({ ...call, data: child.tbsDer, signature: child.signatureValue, slot });
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
      const worker = new Worker(PROGRAM, { eval: true, resourceLimits: LIMITS });
      worker.on("message", (answers: Uint8Array) => {
        const batch = this.#waiting.shift();
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

// The thread holds two batches at most: a small heap is plenty, and a run's peak memory is a goal (issue 28).
const LIMITS = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };

/**
 * One buffer (moved, not copied, to the thread) holding every call's signed data and signature back to back;
 * `calls` gives, per call, its hash, the index of its key in `keys` (a CA's key is sent once) and the ends of
 * its data and its signature.
 */
function batch(calls: Call[]) {
  const size = calls.reduce((n, c) => n + c.data.length + c.signature.length, 0);
  const bytes = new Uint8Array(size);
  const keys: KeyObject[] = [];
  const keyIndex = new Map<KeyObject, number>();
  const table: (string | number | null)[] = [];
  let at = 0;
  for (const c of calls) {
    let k = keyIndex.get(c.key);
    if (k === undefined) {
      k = keys.push(c.key) - 1;
      keyIndex.set(c.key, k);
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
