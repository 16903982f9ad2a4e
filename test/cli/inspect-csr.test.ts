import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// `inspect` of the request `csr` wrote: what it asks for, and whether its signature verifies
// (openssl req -verify is the independent judge of the latter).
const dir = mkdtempSync(`${tmpdir()}/cpc-inspect-csr-`);
let csr: string;
beforeAll(async () => {
  const made = await runCli([
    "csr",
    "--cn",
    "payments.acme.example",
    "--org",
    "Acme",
    "--san",
    "payments.acme.example",
    "-o",
    `${dir}/client`,
  ]);
  expect(made.code).toBe(0);
  csr = `${dir}/client.csr`;
});

function tampered(): string {
  const text = readFileSync(csr, "utf8");
  const der = Buffer.from(text.replace(/-----[^-]+-----/g, "").replace(/\s/g, ""), "base64");
  const at = der.indexOf(Buffer.from("payments"));
  der[at] = "q".charCodeAt(0);
  const file = `${dir}/tampered.csr`;
  const body = der
    .toString("base64")
    .match(/.{1,64}/g)
    ?.join("\n");
  writeFileSync(file, `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----\n`);
  return file;
}

describe("inspect of a certificate request", () => {
  it("shows subject, key, the requested extensions and that the signature verifies", async () => {
    const res = await runCli(["inspect", csr]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/\(PEM, 0 certificates, 1 certificate request\)/);
    expect(res.stdout).toMatch(/^ {2}Subject {9}O=Acme, CN=payments\.acme\.example$/m);
    expect(res.stdout).toMatch(/^ {2}Key {13}EC P-256$/m);
    expect(res.stdout).toMatch(/^ {2}SANs {12}DNS:payments\.acme\.example$/m);
    expect(res.stdout).toMatch(/^ {2}Ext\. key usage {2}clientAuth$/m);
    expect(res.stdout).toMatch(/^ {2}Client auth {5}asked for/m);
    expect(res.stdout).toMatch(/verifies with the request's own public key/);
    const doc = JSON.parse((await runCli(["inspect", csr, "--json"])).stdout);
    expect(doc.requests[0]).toMatchObject({ signatureValid: true, clientAuth: true, key: { algorithm: "EC" } });
  });

  it("says when the signature does not verify, as openssl req -verify does", async () => {
    const file = tampered();
    const res = await runCli(["inspect", file, "--json"]);
    expect(JSON.parse(res.stdout).requests[0]).toMatchObject({
      signatureValid: false,
      subject: "O=Acme, CN=qayments.acme.example",
    });
    const openssl = spawnSync("openssl", ["req", "-in", file, "-verify", "-noout"]);
    expect(openssl.stdout.toString() + openssl.stderr.toString()).toMatch(
      /verify failure|Certificate request self-signature did not match/i,
    );
    execFileSync("openssl", ["req", "-in", csr, "-verify", "-noout"]);
  });

  it("says when a request does not ask for clientAuth", async () => {
    const file = `${dir}/server.csr`;
    const key = `${dir}/server.key`;
    execFileSync("openssl", [
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      key,
      "-subj",
      "/CN=server",
      "-out",
      file,
    ]);
    const res = await runCli(["inspect", file]);
    expect(res.stdout).toMatch(
      /Client auth {5}not asked for: ConnectPay's gateway needs a certificate with clientAuth/,
    );
  });
});
