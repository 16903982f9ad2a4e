import { BlockList, isIP } from "node:net";

/**
 * Address ranges a URL taken from a certificate (AIA, OCSP, CRL) must not reach: they lead to this
 * machine, its local network or a cloud metadata service (169.254.169.254), not to a public CA.
 * Ranges from the IANA special-purpose registries (RFC 6890, RFC 1918, RFC 6598, RFC 4193, RFC 4291 §2.5).
 */
const RANGES: [network: string, prefix: number, family: "ipv4" | "ipv6", kind: string][] = [
  ["0.0.0.0", 8, "ipv4", "an unspecified address"],
  ["10.0.0.0", 8, "ipv4", "a private address (RFC 1918)"],
  ["100.64.0.0", 10, "ipv4", "a carrier-grade NAT address (RFC 6598)"],
  ["127.0.0.0", 8, "ipv4", "a loopback address"],
  ["169.254.0.0", 16, "ipv4", "a link-local address (where cloud metadata services answer)"],
  ["172.16.0.0", 12, "ipv4", "a private address (RFC 1918)"],
  ["192.168.0.0", 16, "ipv4", "a private address (RFC 1918)"],
  ["224.0.0.0", 4, "ipv4", "a multicast address"],
  ["255.255.255.255", 32, "ipv4", "the broadcast address"],
  ["240.0.0.0", 4, "ipv4", "a reserved address"],
  ["::", 128, "ipv6", "an unspecified address"],
  ["::1", 128, "ipv6", "a loopback address"],
  ["fc00::", 7, "ipv6", "a unique local address (RFC 4193)"],
  ["fe80::", 10, "ipv6", "a link-local address"],
  ["ff00::", 8, "ipv6", "a multicast address"],
];

const LISTS = RANGES.map(([network, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { family, kind, list };
});

/**
 * What kind of non-public address `address` is ("a loopback address"…), or undefined for a public one.
 * An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged by the IPv4 address it maps to.
 */
export function privateAddressKind(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const range of LISTS) {
    if (!range.list.check(address, type)) continue;
    // BlockList matches ::ffff:a.b.c.d against IPv4 rules; say so, since the address looks like IPv6.
    return type === "ipv6" && range.family === "ipv4" ? `an IPv4-mapped form of ${range.kind}` : range.kind;
  }
  return undefined;
}
