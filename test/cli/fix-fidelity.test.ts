import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// Issue 12, repair side: fix refuses a bundle without a leaf, chooses between two leaves, and completes
// every gap from the input itself, --ca-file and the Mozilla store.
const AT = ["--at", "2030-01-01", "--no-system-roots"];
const tmp = () => mkdtempSync(`${tmpdir()}/cpc-fix-fidelity-`);
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g;
const blocksOf = (text: string): string[] => text.match(PEM_BLOCK) ?? [];
const fixture = (file: string) => blocksOf(readFileSync(`${FIXTURES}${file}`, "utf8"));

async function fix(file: string, ...args: string[]) {
  const dir = tmp();
  const res = await runCli([
    "fix",
    `fixtures/${file}`,
    "-o",
    `${dir}/out.pem`,
    "--zip",
    `${dir}/out.zip`,
    ...AT,
    ...args,
  ]);
  const written = existsSync(`${dir}/out.pem`) ? readFileSync(`${dir}/out.pem`, "utf8") : undefined;
  return { ...res, written, zipped: existsSync(`${dir}/out.zip`) };
}

async function opensslAccepts(pem: string): Promise<boolean> {
  const [leaf, ...rest] = blocksOf(pem);
  const dir = tmp();
  writeFileSync(`${dir}/leaf.pem`, leaf);
  writeFileSync(`${dir}/mid.pem`, rest.slice(0, -1).join("") || leaf);
  writeFileSync(`${dir}/root.pem`, rest.at(-1) ?? "");
  const attime = String(Date.UTC(2030, 0, 1) / 1000);
  const args = ["verify", "-purpose", "sslclient", "-attime", attime, "-CAfile", `${dir}/root.pem`];
  const res = await execa("openssl", [...args, "-untrusted", `${dir}/mid.pem`, `${dir}/leaf.pem`], { reject: false });
  return res.exitCode === 0;
}

describe("fix never packages a chain without its leaf", () => {
  it.each(["chain/no-leaf.pem", "chain/unreadable-leaf.pem"])("%s: exit 1, nothing written", async (file) => {
    const res = await fix(file);
    expect(res.code).toBe(1);
    expect(res.written).toBeUndefined();
    expect(res.zipped).toBe(false);
    expect(res.stderr).toContain("chain.no-leaf");
  });

  it("says the unreadable block was most likely the leaf", async () => {
    const res = await fix("chain/unreadable-leaf.pem");
    expect(res.stderr).toContain("could not be read, and nothing else in the input is an end-entity certificate");
  });
});

describe("fix with two end-entity certificates", () => {
  it("keeps the leaf that fits --purpose and reports the one it dropped", async () => {
    const res = await fix("chain/two-leaves.pem");
    expect(res.code).toBe(0);
    const [client, server, int, root] = fixture("chain/two-leaves.pem");
    expect(res.written).toBe(client + int + root);
    expect(res.stderr).toContain("removed   second end-entity certificate CN=payments.acme.example");
    expect(res.stderr).toContain("it does not allow clientAuth");
    expect(res.written).not.toContain(server);
  });

  it("asks for --leaf when both fit, and writes nothing", async () => {
    const res = await fix("chain/two-client-leaves.pem");
    expect(res.code).toBe(1);
    expect(res.written).toBeUndefined();
    expect(res.stderr).toContain("choose one with --leaf <serial|CN|#n>");
  });

  it("keeps the one --leaf names, by position or by serial", async () => {
    const [first, second, int, root] = fixture("chain/two-client-leaves.pem");
    const byPosition = await fix("chain/two-client-leaves.pem", "--leaf", "#2");
    expect(byPosition.code).toBe(0);
    expect(byPosition.written).toBe(second + int + root);
    const serial = /serial ([0-9A-F]+)\)/.exec(byPosition.stderr)?.[1] ?? "";
    const bySerial = await fix("chain/two-client-leaves.pem", "--leaf", serial.toLowerCase());
    expect(bySerial.written).toBe(first + int + root);
  });

  it("a --leaf CN that two leaves share chooses neither: a usage error naming both (found in review)", async () => {
    const res = await fix("chain/two-client-leaves.pem", "--leaf", "payments.acme.example");
    expect(res.code).toBe(2);
    expect(res.written).toBeUndefined();
    expect(res.stderr).toMatch(
      /--leaf payments\.acme\.example names 2 end-entity certificates: #1 .*, #2 .*; choose one/,
    );
  });

  it("a --leaf that names no end-entity certificate is a usage error (exit 2)", async () => {
    const res = await fix("chain/two-client-leaves.pem", "--leaf", "CN that is not there");
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("names none of the end-entity certificates");
  });
});

describe("fix completes every gap from the input, --ca-file and the store", () => {
  it("leaf+root with --ca-file intermediate gives leaf → intermediate → root", async () => {
    const res = await fix("chain/leaf-and-root.pem", "--ca-file", "fixtures/chain/fidelity-intermediate.pem");
    expect(res.code).toBe(0);
    const [leaf, root] = fixture("chain/leaf-and-root.pem");
    const [int] = fixture("chain/fidelity-intermediate.pem");
    expect(res.written).toBe(leaf + int + root);
    expect(res.stderr).not.toContain("unrelated certificate");
    expect(await opensslAccepts(res.written ?? "")).toBe(true);
  });
});
