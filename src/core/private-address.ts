import { isIP } from "node:net";

/**
 * Address ranges a URL taken from a certificate (AIA, OCSP, CRL) must not reach: they lead to this
 * machine, its local network or a cloud metadata service (169.254.169.254), not to a public CA.
 * Every range of the IANA special-purpose registries (RFC 6890) that is not globally reachable, and the
 * ranges no public CA can be in (multicast, reserved, documentation, benchmarking).
 */
const IPV4: [network: string, prefix: number, kind: string][] = [
  ["0.0.0.0", 8, "an unspecified address"],
  ["10.0.0.0", 8, "a private address (RFC 1918)"],
  ["100.64.0.0", 10, "a carrier-grade NAT address (RFC 6598)"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local address (where cloud metadata services answer)"],
  ["172.16.0.0", 12, "a private address (RFC 1918)"],
  ["192.0.0.0", 24, "an IETF protocol address (RFC 6890)"],
  ["192.0.2.0", 24, "a documentation address (TEST-NET-1, RFC 5737)"],
  ["192.88.99.0", 24, "a deprecated 6to4 relay address (RFC 7526)"],
  ["192.168.0.0", 16, "a private address (RFC 1918)"],
  ["198.18.0.0", 15, "a benchmarking address (RFC 2544)"],
  ["198.51.100.0", 24, "a documentation address (TEST-NET-2, RFC 5737)"],
  ["203.0.113.0", 24, "a documentation address (TEST-NET-3, RFC 5737)"],
  ["224.0.0.0", 4, "a multicast address"],
  ["255.255.255.255", 32, "the broadcast address"],
  ["240.0.0.0", 4, "a reserved address"],
];

// Checked in order, so the narrower entries come before the ranges that hold them.
const IPV6: [network: string, prefix: number, kind: string][] = [
  ["::", 128, "an unspecified address"],
  ["::1", 128, "a loopback address"],
  ["64:ff9b:1::", 48, "a local-use NAT64 address (RFC 8215)"],
  ["100::", 64, "a discard-only address (RFC 6666)"],
  ["fc00::", 7, "a unique local address (RFC 4193)"],
  ["fe80::", 10, "a link-local address"],
  ["fec0::", 10, "a site-local address (deprecated, RFC 3879)"],
  ["ff00::", 8, "a multicast address"],
  // Only 2000::/3 is global unicast (RFC 4291 §2.4); the rest is reserved by the IETF.
  ["2000::", 3, ""],
  ["::", 0, "a reserved address (outside global unicast, RFC 4291)"],
];

// Inside 2000::/3: what IANA lists as not globally reachable (the few anycast exceptions stay public).
const GLOBAL_EXCEPTIONS: [string, number][] = [
  ["2001:1::1", 128],
  ["2001:1::2", 128],
  ["2001:1::3", 128],
  ["2001:3::", 32],
  ["2001:4:112::", 48],
  ["2001:20::", 28],
  ["2001:30::", 28],
];
const GLOBAL_SPECIAL: [string, number, string][] = [
  ["2001:2::", 48, "a benchmarking address (RFC 5180)"],
  ["2001:db8::", 32, "a documentation address (RFC 3849)"],
  ["3fff::", 20, "a documentation address (RFC 9637)"],
  ["2001::", 23, "an IETF protocol address (RFC 2928)"],
];

/** 16 bytes of an IPv6 address (a zone `%eth0` ignored), or undefined when it is not one. */
export function ipv6Bytes(address: string): Uint8Array | undefined {
  const text = address.replace(/%.*$/, "");
  if (isIP(text) !== 6) return undefined;
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const groups = (part: string) => (part === "" ? [] : part.split(":").flatMap(group));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const words = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** One group of an IPv6 address as 16-bit words: a hex group, or a dotted IPv4 tail as two words. */
function group(g: string): number[] {
  if (!g.includes(".")) return [Number.parseInt(g, 16)];
  const [a, b, c, d] = g.split(".").map(Number);
  return [(a << 8) | b, (c << 8) | d];
}

function inPrefix(bytes: Uint8Array, network: Uint8Array, prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== (network[bit >> 3] & mask)) return false;
  }
  return true;
}

const v4Bytes = (address: string) => Uint8Array.from(address.split(".").map(Number));
const v6 = (network: string) => ipv6Bytes(network) as Uint8Array;

function ipv4Kind(bytes: Uint8Array): string | undefined {
  return IPV4.find(([network, prefix]) => inPrefix(bytes, v4Bytes(network), prefix))?.[2];
}

/**
 * The IPv4 address an IPv6 address carries, where the connection really goes to it or to a host that
 * answers for it: IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), IPv4-compatible (::/96,
 * deprecated), NAT64 (64:ff9b::/96, RFC 6052), 6to4 (2002::/16, RFC 3056) and Teredo (2001::/32, RFC 4380).
 */
function embeddedIpv4(b: Uint8Array): { form: string; v4: Uint8Array } | undefined {
  const zeros = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  const last = b.subarray(12, 16);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return { form: "an IPv4-mapped", v4: last };
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) return { form: "an IPv4-translated", v4: last };
  if (zeros(0, 12) && !zeros(12, 15)) return { form: "an IPv4-compatible", v4: last };
  if (inPrefix(b, v6("64:ff9b::"), 96)) return { form: "a NAT64", v4: last };
  if (b[0] === 0x20 && b[1] === 0x02) return { form: "a 6to4", v4: b.subarray(2, 6) };
  if (inPrefix(b, v6("2001::"), 32)) return { form: "a Teredo", v4: last.map((x) => x ^ 0xff) };
  return undefined;
}

function ipv6Kind(b: Uint8Array): string | undefined {
  const embedded = embeddedIpv4(b);
  if (embedded) {
    const kind = ipv4Kind(embedded.v4);
    return kind && `${embedded.form} form of ${kind}`;
  }
  const [, , kind] = IPV6.find(([network, prefix]) => inPrefix(b, v6(network), prefix)) ?? [];
  if (kind) return kind;
  if (GLOBAL_EXCEPTIONS.some(([network, prefix]) => inPrefix(b, v6(network), prefix))) return undefined;
  return GLOBAL_SPECIAL.find(([network, prefix]) => inPrefix(b, v6(network), prefix))?.[2];
}

/**
 * What kind of non-public address `address` is ("a loopback address"…), or undefined for a public one.
 * An IPv6 address that carries an IPv4 address (::ffff:127.0.0.1, 64:ff9b::a9fe:a9fe) is judged by the
 * IPv4 rules, since that is where the connection goes.
 */
export function privateAddressKind(address: string): string | undefined {
  const family = isIP(address.replace(/%.*$/, ""));
  if (family === 0) return "not an IP address";
  if (family === 4) return ipv4Kind(v4Bytes(address));
  return ipv6Kind(ipv6Bytes(address) as Uint8Array);
}
