import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keyPermissionsFinding, rsaExponentFinding, secretPermissionsFinding } from "../../../src/core/findings/key.js";
import { FIXTURES, runCli } from "../../helpers/cli.js";
import { expectExample } from "./expect-example.js";

describe("key findings", () => {
  it("key.weak: a 1024-bit RSA leaf, certificate 0", async () => {
    const res = await runCli(["check", `${FIXTURES}key/rsa-1024.pem`, "--json", "--at", "2030-01-01"]);
    const weak = JSON.parse(res.stdout).results[0].findings.filter((f: { id: string }) => f.id === "key.weak");
    expect(weak).toEqual([
      expect.objectContaining({
        message:
          "Certificate 1 (CN=payments.acme.example) has a RSA 1024 key, below the minimum of RSA 2048 / EC 256 bits.",
        certificate: 0,
      }),
    ]);
  });

  // A file's mode depends on the checkout, so these are built from the mode (test/cli/probe-config.test.ts stats real files).
  it("key and ClientSecret files readable by others", () => {
    expectExample("key.permissions", keyPermissionsFinding("fixtures/good/other.key", 0o644));
    expectExample("secret.permissions", secretPermissionsFinding("secret.txt", 0o644));
    expect(keyPermissionsFinding("my key.pem", 0o640)).toMatchObject({
      message: "The private key my key.pem is readable by its group (mode 640).",
      hint: "Restrict it to its owner: chmod 600 'my key.pem'",
    });
    expect(readFileSync(`${FIXTURES}good/other.key`, "utf8")).toContain("PRIVATE KEY");
  });

  // No key generator makes an exponent over 32 bits; test/hostile/work-bounds.test.ts crafts one end to end.
  it("key.rsa-exponent: an exponent beyond what TLS libraries take", () => {
    const ca = { index: 1, name: "Certificate 2 (CN=Acme Issuing CA)" };
    expectExample("key.rsa-exponent", rsaExponentFinding(ca, 3071, 33));
  });
});
