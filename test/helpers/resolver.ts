import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";

/**
 * Runs `work` while node:dns answers as a resolver that knows no name does: ENOTFOUND, worded as
 * getaddrinfo words it, from `lookup` and `promises.lookup` (tcp-connect.ts uses the one, public-lookup.ts
 * the other). No DNS query leaves the machine (tests touch nothing beyond loopback), and the answer is the
 * same on every machine, whatever its resolver or network. The names asked for are returned with the
 * result; the real lookups are back when `work` ends.
 */
export async function withUnresolvableNames<T>(work: () => Promise<T>): Promise<{ result: T; asked: string[] }> {
  const asked: string[] = [];
  const notFound = (hostname: string) => {
    asked.push(hostname);
    return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: "ENOTFOUND",
      syscall: "getaddrinfo",
      hostname,
    });
  };
  const real = { lookup: dns.lookup, promised: dns.promises.lookup };
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (err: Error) => void;
    const err = notFound(hostname);
    process.nextTick(() => callback(err));
  }) as typeof dns.lookup;
  dns.promises.lookup = (async (hostname: string) => {
    throw notFound(hostname);
  }) as typeof dns.promises.lookup;
  // `import { lookup } from "node:dns"` is a live binding: this makes it see the replacement.
  syncBuiltinESMExports();
  try {
    return { result: await work(), asked };
  } finally {
    dns.lookup = real.lookup;
    dns.promises.lookup = real.promised;
    syncBuiltinESMExports();
  }
}
