import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { expect, it } from "vitest";
import { issue } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";

// Review: a chain file whose PEM blocks are glued (END and BEGIN on one line) cannot be read by OpenSSL at
// all ("Could not read any untrusted certificates"), yet `check` says "accepted (1 warning)", exit 0.
it("check does not accept a chain file OpenSSL cannot read", async () => {
  const dir = mkdtempSync(`${tmpdir()}/cpc-review-glued-`);
  const dates = { notBefore: new Date("2024-01-01T00:00:00Z"), notAfter: new Date("2098-12-31T00:00:00Z") };
  const root = await issue({ subject: "CN=Glue Root", ca: true, ...dates });
  const int = await issue({ subject: "CN=Glue Int", ca: true, issuer: root, ...dates });
  const leaf = await issue({ subject: "CN=glue-leaf", clientAuth: true, issuer: int, ...dates });
  writeFileSync(`${dir}/root.pem`, root.pem);
  writeFileSync(`${dir}/leaf.pem`, leaf.pem);
  writeFileSync(`${dir}/glued.pem`, leaf.pem.trimEnd() + int.pem.trimEnd() + root.pem);
  const openssl = await execa(
    "openssl",
    ["verify", "-purpose", "sslclient", "-CAfile", "root.pem", "-untrusted", "glued.pem", "leaf.pem"],
    { cwd: dir, reject: false },
  );
  expect(openssl.exitCode).not.toBe(0);
  const r = await runCli(["check", "--trust", `${dir}/root.pem`, "--at", "2030-01-01", `${dir}/glued.pem`]);
  expect(r.code).toBe(1);
});
