import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { FIXTURES, ids, runCli } from "../helpers/cli.js";

// Issue 12 (chain, purpose, trust): each verdict on the exit code and the exact ids, with `openssl verify`
// as the independent judge where it has an opinion (docs/verdict.md).
const AT = String(Date.UTC(2030, 0, 1) / 1000);

function blocks(file: string): string[] {
  return (
    readFileSync(`${FIXTURES}${file}`, "utf8").match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g,
    ) ?? []
  );
}

/** `openssl verify -purpose P` of the file's first certificate, the rest untrusted, `anchors` trusted. */
async function openssl(file: string, purpose: string, anchors: string[], extra: string[] = []): Promise<boolean> {
  const dir = mkdtempSync(`${tmpdir()}/cpc-fidelity-`);
  const [leaf, ...rest] = blocks(file);
  writeFileSync(`${dir}/leaf.pem`, leaf);
  writeFileSync(`${dir}/untrusted.pem`, rest.join("") || leaf);
  writeFileSync(`${dir}/trusted.pem`, anchors.join(""));
  const args = ["verify", "-purpose", purpose, "-attime", AT, ...extra, "-CAfile", `${dir}/trusted.pem`];
  const res = await execa("openssl", [...args, "-untrusted", `${dir}/untrusted.pem`, `${dir}/leaf.pem`], {
    reject: false,
  });
  return res.exitCode === 0;
}

async function check(file: string, ...args: string[]) {
  const res = await runCli(["check", `fixtures/${file}`, "--json", "--at", "2030-01-01", ...args]);
  return { code: res.code, ids: ids(res.stdout) };
}

const lastBlock = (file: string) => [blocks(file).at(-1) ?? ""];

describe("ca.eku: every CA on the path must allow the purpose", () => {
  it.each([
    ["ca/eku-server-only.pem", "client", 1, ["ca.eku"], "sslclient"],
    ["ca/eku-server-only.pem", "server", 1, ["leaf.server-auth"], "sslserver"],
    ["ca/eku-any.pem", "client", 1, ["ca.eku"], "sslclient"],
    ["chain/fidelity-chain.pem", "client", 0, [], "sslclient"],
  ] as const)("%s --purpose %s → exit %i %j", async (file, purpose, code, expected, opensslPurpose) => {
    const ours = await check(file, "--purpose", purpose);
    expect(ours).toEqual({ code, ids: [...expected] });
    expect(await openssl(file, opensslPurpose, lastBlock(file))).toBe(code === 0);
  });

  it("explains the 2026 serverAuth-only hierarchies", async () => {
    const res = await runCli(["check", "fixtures/ca/eku-server-only.pem", "--at", "2030-01-01"]);
    expect(res.stdout).toContain("does not allow clientAuth");
    expect(res.stdout).toContain("serverAuth-only intermediates");
  });
});

describe("leaf.key-usage follows the TLS rules of the purpose", () => {
  it("keyEncipherment suffices for an RSA server certificate, as for openssl -purpose sslserver", async () => {
    const file = "leaf/key-encipherment-only.pem";
    expect(await check(file, "--purpose", "server")).toEqual({ code: 0, ids: ["chain.no-intermediate"] });
    expect(await openssl(file, "sslserver", lastBlock(file))).toBe(true);
  });

  it("a client still needs digitalSignature", async () => {
    const file = "leaf/key-encipherment-only.pem";
    expect(await check(file)).toEqual({
      code: 1,
      ids: ["chain.no-intermediate", "leaf.client-auth", "leaf.key-usage"],
    });
    expect(await openssl(file, "sslclient", lastBlock(file))).toBe(false);
  });
});

describe("chain.no-leaf and chain.multiple-leaves", () => {
  it("a file of CA certificates only has no leaf", async () => {
    expect(await check("chain/no-leaf.pem")).toEqual({ code: 1, ids: ["chain.no-leaf"] });
    // openssl refuses it too: the intermediate in leaf position has no key usage for a TLS handshake.
    expect(await openssl("chain/no-leaf.pem", "sslclient", lastBlock("chain/no-leaf.pem"))).toBe(false);
  });

  it("an unreadable leaf leaves no leaf", async () => {
    expect(await check("chain/unreadable-leaf.pem")).toEqual({
      code: 1,
      ids: ["chain.no-leaf", "format.malformed"],
    });
  });

  it("names a second end-entity certificate for what it is", async () => {
    const res = await runCli(["check", "fixtures/chain/two-leaves.pem", "--at", "2030-01-01"]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("is a second end-entity certificate (issued by the same CA as the leaf");
    expect(res.stdout).not.toContain("neither issued nor was issued");
    expect(await check("chain/two-client-leaves.pem")).toEqual({ code: 1, ids: ["chain.multiple-leaves"] });
  });
});

describe("--trust anchors that are not roots", () => {
  it.each([
    ["chain/leaf-and-intermediate.pem", "chain/fidelity-intermediate.pem"],
    ["chain/fidelity-leaf.pem", "chain/fidelity-intermediate.pem"],
    ["chain/fidelity-leaf.pem", "chain/fidelity-leaf.pem"],
  ])("%s --trust %s: the file must still end at a root", async (file, anchor) => {
    expect(await check(file, "--trust", `fixtures/${anchor}`)).toEqual({ code: 1, ids: ["chain.incomplete"] });
    // Without -partial_chain (nginx's and Apache's default) openssl refuses too.
    expect(await openssl(file, "sslclient", blocks(anchor))).toBe(false);
  });

  it("the full chain against its root is accepted", async () => {
    const file = "chain/fidelity-chain.pem";
    expect(await check(file, "--trust", "fixtures/chain/fidelity-root.pem")).toEqual({ code: 0, ids: [] });
    expect(await openssl(file, "sslclient", blocks("chain/fidelity-root.pem"))).toBe(true);
  });
});

describe("the root is judged as a trust anchor", () => {
  const file = "ca/root-without-basic-constraints.pem";

  it("accepts a root without basicConstraints whose key usage allows keyCertSign, as openssl does", async () => {
    expect(await check(file)).toEqual({ code: 0, ids: ["cert.key-cert-sign-not-ca"] });
    expect(await openssl(file, "sslclient", lastBlock(file))).toBe(true);
  });

  it("refuses it under --strict, as openssl -x509_strict does", async () => {
    expect((await check(file, "--strict")).code).toBe(1);
    expect(await openssl(file, "sslclient", lastBlock(file), ["-x509_strict"])).toBe(false);
  });

  it("still refuses an expired root", async () => {
    const res = await runCli(["check", "fixtures/chain/fidelity-chain.pem", "--json", "--at", "2100-06-01"]);
    expect(res.code).toBe(1);
    const findings: { id: string; certificate?: number }[] = JSON.parse(res.stdout).results[0].findings;
    expect(findings.filter((f) => f.certificate === 2).map((f) => f.id)).toContain("validity.expired");
    const later = ["-attime", String(Date.UTC(2100, 5, 1) / 1000)];
    expect(await openssl("chain/fidelity-chain.pem", "sslclient", lastBlock("chain/fidelity-chain.pem"), later)).toBe(
      false,
    );
  });
});
