import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { issue } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";

// Review: chains `check` accepts although `openssl verify -purpose sslclient` (the gateway's verifier)
// refuses them. Each case signs a leaf with the real `openssl x509 -req -extfile` under a lab CA.
const dates = { notBefore: new Date("2024-01-01T00:00:00Z"), notAfter: new Date("2098-12-31T00:00:00Z") };

async function chainWithLeafExtensions(extfile: string) {
  const dir = mkdtempSync(`${tmpdir()}/cpc-review-`);
  const root = await issue({ subject: "CN=Review Root", ca: true, ...dates });
  const int = await issue({ subject: "CN=Review Int", ca: true, issuer: root, ...dates });
  writeFileSync(`${dir}/root.pem`, root.pem);
  writeFileSync(`${dir}/int.pem`, int.pem);
  writeFileSync(`${dir}/int.key`, int.keyPem, { mode: 0o600 });
  writeFileSync(`${dir}/leaf.ext`, extfile);
  await execa(
    "openssl",
    ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"].concat([
      "-keyout",
      "leaf.key",
      "-out",
      "leaf.csr",
      "-subj",
      "/CN=review-leaf",
    ]),
    { cwd: dir },
  );
  await execa(
    "openssl",
    ["x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key"].concat([
      "-set_serial",
      "7",
      "-days",
      "3650",
      "-extfile",
      "leaf.ext",
      "-out",
      "leaf.pem",
    ]),
    { cwd: dir },
  );
  const { readFileSync } = await import("node:fs");
  writeFileSync(`${dir}/chain.pem`, readFileSync(`${dir}/leaf.pem`, "utf8") + int.pem + root.pem);
  const openssl = await execa(
    "openssl",
    ["verify", "-purpose", "sslclient", "-CAfile", "root.pem", "-untrusted", "int.pem", "leaf.pem"],
    { cwd: dir, reject: false },
  );
  return { dir, opensslOk: openssl.exitCode === 0, opensslOut: openssl.stdout + openssl.stderr };
}

const BASE = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n";

describe("check never accepts what openssl verify -purpose sslclient refuses", () => {
  it("a leaf whose Netscape cert type allows only an SSL server", async () => {
    const c = await chainWithLeafExtensions(`${BASE}extendedKeyUsage=clientAuth\nnsCertType=server\n`);
    expect(c.opensslOk, c.opensslOut).toBe(false); // unsuitable certificate purpose
    const r = await runCli(["check", "--trust", `${c.dir}/root.pem`, `${c.dir}/chain.pem`]);
    expect(r.code).toBe(1);
  });
});
