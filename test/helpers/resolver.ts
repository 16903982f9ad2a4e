import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";

/**
 * Runs `work` while node:dns/promises' `lookup` answers as a resolver that knows no name does: ENOTFOUND,
 * worded as getaddrinfo words it. No DNS query leaves the machine (tests touch nothing beyond loopback),
 * and the answer is the same on every machine, whatever its resolver or network. The names asked for are
 * returned with the result; the real lookup is back when `work` ends.
 */
export async function withUnresolvableNames<T>(work: () => Promise<T>): Promise<{ result: T; asked: string[] }> {
  const asked: string[] = [];
  const real = dns.promises.lookup;
  dns.promises.lookup = (async (hostname: string) => {
    asked.push(hostname);
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: "ENOTFOUND",
      syscall: "getaddrinfo",
      hostname,
    });
  }) as typeof real;
  // `import { lookup } from "node:dns/promises"` is a live binding: this makes it see the replacement.
  syncBuiltinESMExports();
  try {
    return { result: await work(), asked };
  } finally {
    dns.promises.lookup = real;
    syncBuiltinESMExports();
  }
}
