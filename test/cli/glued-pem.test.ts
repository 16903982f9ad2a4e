import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { FIXTURES, ids, runCli } from "../helpers/cli.js";

// `cat leaf.pem intermediate.pem root.pem` of files without a final newline glues each END to the next BEGIN.
const dir = mkdtempSync(`${tmpdir()}/cpc-glued-`);
const blocks =
  readFileSync(`${FIXTURES}good/chain.pem`, "utf8").match(/-----BEGIN[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
const glued = `${dir}/glued.pem`;
writeFileSync(glued, blocks.join(""));

describe("PEM blocks glued on one line (-----END …----------BEGIN …-----)", () => {
  it("check reads them as blocks and names the defect with its fix", async () => {
    expect(blocks).toHaveLength(3);
    const res = await runCli(["check", glued, "--json", "--at", "2030-01-01"]);
    const doc = JSON.parse(res.stdout);
    expect(doc.results[0].certificates).toHaveLength(3);
    expect(ids(res.stdout)).toEqual(["format.glued-blocks"]);
    const f = doc.results[0].findings.find((x: { id: string }) => x.id === "format.glued-blocks");
    // An error: OpenSSL cannot read such a file at all, so ConnectPay could not load it either.
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/^Lines \d+, \d+ each hold the END of one PEM block and the BEGIN of the next/);
    expect(f.hint).toMatch(/connectpay-cert fix .*glued\.pem -o chain\.pem/);
    expect(res.code).toBe(1);
  });

  it("fix writes every block, each boundary on its own line, and OpenSSL reads the result", async () => {
    const out = `${dir}/fixed.pem`;
    const res = await runCli(["fix", glued, "-o", out, "--at", "2030-01-01"]);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/converted +from 2 glued line\(s\)/);
    expect(res.stderr).not.toMatch(/text outside the PEM blocks/);
    const p7 = execFileSync("openssl", ["crl2pkcs7", "-nocrl", "-certfile", out]);
    const certs = execFileSync("openssl", ["pkcs7", "-print_certs", "-noout"], { input: p7 }).toString();
    expect(certs.match(/^subject=/gm)).toHaveLength(3);
  });
});
