import { describe, expect, it } from "vitest";
import { httpFinding, tlsFinding } from "../../../src/core/probe/classify.js";

// The end-to-end probe tests (test/net/probe.test.ts) cover the failures a local server can stage; these
// two need a server misbehaving in ways the test gateway does not, so they are judged from observations.
describe("probe judgements from observations", () => {
  it("an unclassified TLS failure is tls.handshake-failed, with the OpenSSL reason and alert", () => {
    const f = tlsFinding(
      { code: "ERR_SSL_NO_PROTOCOLS_AVAILABLE", message: "no protocols available", alert: "protocol_version" },
      10000,
      "mTLS handshake",
    );
    expect(f).toEqual({
      id: "tls.handshake-failed",
      severity: "error",
      message:
        "The TLS handshake failed: no protocols available (alert protocol_version) (ERR_SSL_NO_PROTOCOLS_AVAILABLE).",
      hint: "Check the protocol versions and ciphers both sides allow.",
    });
  });

  it("a handshake_failure alert points at the certificate and key", () => {
    const f = tlsFinding(
      { code: "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", message: "x", alert: "handshake_failure" },
      1,
      "s",
    );
    expect(f).toMatchObject({ id: "tls.handshake-failed", hint: expect.stringMatching(/missing client certificate/) });
  });

  it("an HTTP status nothing expects is http.unexpected-status", () => {
    expect(httpFinding(502, "Bad Gateway", true)).toEqual({
      id: "http.unexpected-status",
      severity: "error",
      message: "HTTP 502 was not expected here.",
      hint: "Check --path and --method; run with --verbose to see the response.",
    });
    expect(httpFinding(200, "{}", true)).toBeUndefined();
  });

  it("the token endpoint's invalid_client is a refusal even with status 400 (RFC 6749 §5.2)", () => {
    expect(httpFinding(400, '{"error":"invalid_client"}', true)).toMatchObject({
      id: "auth.rejected",
      message: "HTTP 400 invalid_client: TLS worked, but the ClientKey/ClientSecret were refused.",
    });
  });
});
