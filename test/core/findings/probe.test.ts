import { describe, expect, it } from "vitest";
import {
  caNotAcceptedFinding,
  certNotRequestedFinding,
  notSeparatedFinding,
  unconfirmedFinding,
} from "../../../src/core/findings/probe.js";
import { connectFinding, httpFinding, tlsFinding } from "../../../src/core/probe/classify.js";
import { expectExample } from "./expect-example.js";

// What probe observes cannot come from a committed file: each finding is built from the facts the net
// layer would report, through the same classification probe uses (src/core/probe/classify.ts).
describe("probe findings, from observed facts", () => {
  it("connection failures", () => {
    const dns = connectFinding("api-stage.connectpay.example", 443, { code: "ENOTFOUND", message: "x" }, 10000);
    expectExample("net.dns", dns);
    expect(dns).toEqual({
      id: "net.dns",
      severity: "error",
      message: "The host name api-stage.connectpay.example does not resolve (ENOTFOUND).",
      hint: "Check the spelling, --env and --host, and this machine's DNS.",
    });
    expectExample("net.refused", connectFinding("127.0.0.1", 8443, { code: "ECONNREFUSED", message: "x" }, 1));
    expectExample("net.timeout", tlsFinding({ code: "TIMEOUT", message: "" }, 10000, "TLS handshake"));
    expect(connectFinding("h", 1, { code: "EPROTO", message: "odd" }, 1).message).toBe(
      "Could not connect to h:1: odd (EPROTO).",
    );
  });

  it("TLS failures", () => {
    const untrusted = { code: "SELF_SIGNED_CERT_IN_CHAIN", message: "self-signed certificate in certificate chain" };
    expectExample("tls.server-untrusted", tlsFinding(untrusted, 1, "TLS handshake"));
    const alert = { code: "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA", message: "x", alert: "unknown_ca" };
    expectExample("tls.client-cert-rejected", tlsFinding(alert, 1, "TLS handshake"));
    const cipher = {
      code: "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
      message: "no shared cipher",
      alert: "handshake_failure",
    };
    expectExample("tls.handshake-failed", tlsFinding(cipher, 1, "TLS handshake"));
    expectExample("tls.ca-not-accepted", caNotAcceptedFinding(["CN = Other Root CA"], "CN=Demo Root CA", false));
    expect(caNotAcceptedFinding(["CN = A"], "CN=B", true).severity).toBe("error");
    expectExample("tls.cert-not-requested", certNotRequestedFinding("api2-stage.connectpay.com", 443));
  });

  it("HTTP answers", () => {
    expectExample("auth.rejected", httpFinding(401, "", true));
    expectExample("auth.forbidden", httpFinding(403, "", true));
    expectExample("http.unexpected-status", httpFinding(500, "", false));
    const why =
      "the token endpoint answered unsupported_grant_type, which it may say without checking the client (RFC 6749 §5.2)";
    expectExample("auth.unconfirmed", unconfirmedFinding(why, true));
    expectExample("hosts.not-separated", notSeparatedFinding("api-stage.connectpay.com", 200));
  });
});
