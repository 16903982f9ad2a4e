import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeBlock, scanPem } from "../../src/core/input/pem.js";
import { caNamesFinding } from "../../src/core/probe/ca-names-match.js";
import { parseCertificate } from "../../src/core/x509/certificate.js";
import { parseSClient } from "../../src/net/openssl-ca-names.js";
import { FIXTURES } from "../helpers/cli.js";

const chain = scanPem(readFileSync(`${FIXTURES}good/chain.pem`, "utf8")).blocks.map((b) => {
  const d = decodeBlock(b);
  if (!("der" in d)) throw new Error("fixture");
  return parseCertificate(d.der);
});

describe("acceptable CA names", () => {
  it("reads openssl s_client's list, and its other answers", () => {
    const out =
      "---\nAcceptable client certificate CA names\nCN = Demo Root CA, O = Demo Trust Services, C = LT\nC = DE, O = Other\nRequested Signature Algorithms: ECDSA+SHA256\n---\n";
    expect(parseSClient(out)).toEqual({
      available: true,
      requested: true,
      names: ["CN = Demo Root CA, O = Demo Trust Services, C = LT", "C = DE, O = Other"],
    });
    // OpenSSL 3 prints this line whether or not a CertificateRequest came: only the request itself counts.
    const noRequest = "---\nNo client certificate CA names sent\n---\nSSL handshake has read 1234 bytes\n";
    expect(parseSClient(noRequest)).toEqual({ available: true, requested: false, names: [] });
    const request =
      "<<< TLS 1.3, Handshake [length 002d], CertificateRequest\n    0d 00\n---\nNo client certificate CA names sent\nRequested Signature Algorithms: ECDSA+SHA256\n";
    expect(parseSClient(request)).toEqual({ available: true, requested: true, names: [] });
    expect(parseSClient("connect: Connection refused")).toMatchObject({ available: false });
  });

  it("matches our root or intermediate whatever the attribute order, and names both sides when none matches", () => {
    expect(caNamesFinding(["C = LT, O = Demo Trust Services, CN = Demo Root CA"], chain, false)).toBeUndefined();
    expect(caNamesFinding(["CN = Demo Issuing CA 1, O = Demo Trust Services, C = LT"], chain, false)).toBeUndefined();
    const miss = caNamesFinding(["CN = Other CA, O = Elsewhere"], chain, false);
    expect(miss).toMatchObject({ id: "tls.ca-not-accepted", severity: "warning" });
    expect(miss?.message).toMatch(/CN = Other CA, O = Elsewhere.*ends at CN=Demo Root CA/);
    expect(caNamesFinding(["CN = Other CA"], chain, true)?.severity).toBe("error");
    expect(caNamesFinding([], chain, true)).toBeUndefined();
  });
});
