import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

// inspect of a file of certificate requests does bounded work (found in review: 500 requests with
// ~3,060-bit RSA exponents cost 8 s of signature checks).
describe("inspect of certificate requests is bounded", () => {
  it("a request whose RSA exponent no TLS stack accepts is shown but not verified", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-bigexp-`);
    await execa("node", [`${ROOT}test/helpers/big-exponent-csr.mjs`, "1"], { cwd: dir });
    const res = await runCli(["inspect", `${dir}/bigexp.csr`, "--json"]);
    expect(res.code).toBe(0);
    const [request] = JSON.parse(res.stdout).requests;
    expect(request.subject).toBe("CN=bigexp");
    expect(request.signatureValid).toBeUndefined();
    expect(request.problem).toMatch(/RSA public exponent has \d{4} bits, more than the 33 TLS stacks accept/);
  });

  it("only the first 16 requests of a file are read", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-manycsr-`);
    const base = `${dir}/one`;
    expect((await runCli(["csr", "--cn", "many.example", "-o", base])).code).toBe(0);
    writeFileSync(`${dir}/many.csr`, readFileSync(`${base}.csr`, "utf8").repeat(40));
    const res = await runCli(["inspect", `${dir}/many.csr`, "--json"]);
    const requests = JSON.parse(res.stdout).requests;
    expect(requests).toHaveLength(17);
    expect(requests.slice(0, 16).every((r: { signatureValid: boolean }) => r.signatureValid)).toBe(true);
    expect(requests[16].problem).toMatch(/only the first 16 requests of a file are/);
  });
});
