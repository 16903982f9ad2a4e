/**
 * A small bounded map: cleared when full, so memory stays flat however many bundles one run checks.
 * It holds no state of its own beyond an instance: CertCache (./x509/cert-cache.ts) owns one per run; der.ts keeps
 * one of OID texts for the process, which depend on the bytes alone.
 */
export class Memo<V, K = string> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit = 512) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): V {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
