// The one door to @peculiar/x509. It is loaded on demand (CSRs, the lab) because its schema
// registry costs more start-up time than all of `check` (see scripts/bench.mjs).
import { webcrypto } from "node:crypto";

type X509Module = typeof import("@peculiar/x509");
// Module-level on purpose: it holds the imported library itself (which Node caches per process anyway),
// configured identically on every load, so no run can see another run's state through it.
let loaded: X509Module | undefined;

export async function loadX509(): Promise<X509Module> {
  if (!loaded) {
    await import("reflect-metadata");
    loaded = await import("@peculiar/x509");
    loaded.cryptoProvider.set(webcrypto as unknown as Crypto);
  }
  return loaded;
}
