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
