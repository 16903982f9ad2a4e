import { describe, expect, it } from "vitest";
import { privateAddressKind } from "../../src/core/private-address.js";

describe("which addresses a URL from a certificate may not reach", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.0.9", "a loopback address"],
    ["::1", "a loopback address"],
    ["169.254.169.254", "a link-local address (where cloud metadata services answer)"],
    ["fe80::1%eth0", "a link-local address"],
    ["10.1.2.3", "a private address (RFC 1918)"],
    ["172.31.255.255", "a private address (RFC 1918)"],
    ["192.168.0.1", "a private address (RFC 1918)"],
    ["fd12:3456::1", "a unique local address (RFC 4193)"],
    ["100.64.0.1", "a carrier-grade NAT address (RFC 6598)"],
    ["0.0.0.0", "an unspecified address"],
    ["::", "an unspecified address"],
    ["224.0.0.1", "a multicast address"],
    ["ff02::1", "a multicast address"],
    ["255.255.255.255", "the broadcast address"],
    ["::ffff:127.0.0.1", "an IPv4-mapped form of a loopback address"],
    ["::ffff:a9fe:a9fe", "an IPv4-mapped form of a link-local address (where cloud metadata services answer)"],
  ])("%s is %s", (address, kind) => {
    expect(privateAddressKind(address)).toBe(kind);
  });

  it.each(["8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"])("%s is public", (a) => {
    expect(privateAddressKind(a)).toBeUndefined();
  });
});

describe("IPv6 forms of IPv4 addresses and the IANA special-purpose ranges (issue 25)", () => {
  it.each([
    // An IPv4 address carried in IPv6 is judged by the IPv4 rules: that is where the connection goes.
    ["64:ff9b::7f00:1", "a NAT64 form of a loopback address"],
    ["64:ff9b::169.254.169.254", "a NAT64 form of a link-local address (where cloud metadata services answer)"],
    ["::127.0.0.1", "an IPv4-compatible form of a loopback address"],
    ["::a9fe:a9fe", "an IPv4-compatible form of a link-local address (where cloud metadata services answer)"],
    ["::ffff:0:10.0.0.1", "an IPv4-translated form of a private address (RFC 1918)"],
    ["2002:7f00:1::", "a 6to4 form of a loopback address"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "a Teredo form of a loopback address"],
    ["64:ff9b:1::8.8.8.8", "a local-use NAT64 address (RFC 8215)"],
    ["192.0.0.8", "an IETF protocol address (RFC 6890)"],
    ["192.0.2.1", "a documentation address (TEST-NET-1, RFC 5737)"],
    ["198.51.100.7", "a documentation address (TEST-NET-2, RFC 5737)"],
    ["203.0.113.9", "a documentation address (TEST-NET-3, RFC 5737)"],
    ["198.18.0.1", "a benchmarking address (RFC 2544)"],
    ["198.19.255.254", "a benchmarking address (RFC 2544)"],
    ["fec0::1", "a site-local address (deprecated, RFC 3879)"],
    ["100::1", "a discard-only address (RFC 6666)"],
    ["2001:db8::1", "a documentation address (RFC 3849)"],
    ["3fff::1", "a documentation address (RFC 9637)"],
    ["2001:2::1", "a benchmarking address (RFC 5180)"],
    ["5f00::1", "a reserved address (outside global unicast, RFC 4291)"],
    ["::2", "a reserved address (outside global unicast, RFC 4291)"],
  ])("%s is %s", (address, kind) => {
    expect(privateAddressKind(address)).toBe(kind);
  });

  it.each(["64:ff9b::808:808", "::8.8.8.8", "2002:808:808::1", "2001:1::1", "2606:4700::1111", "198.20.0.1"])(
    "%s is public",
    (a) => {
      expect(privateAddressKind(a)).toBeUndefined();
    },
  );
});
