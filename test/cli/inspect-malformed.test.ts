import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// A certificate with a DER defect is shown as far as it reads, with the broken field named (issue 12).
describe("inspect on malformed certificates", () => {
  it.each([
    ["der/date-feb-30.pem", "notBefore", /Not before\s+\(malformed: impossible time "240230000000Z"\)/],
    ["der/serial-padded.pem", "serial", /Serial\s+\(malformed: an INTEGER is not minimally encoded/],
    ["der/pathlen-negative.pem", "extension basicConstraints", /Malformed\s+extension basicConstraints: a negative/],
    ["der/san-ip.pem", "extension subjectAltName", /Malformed\s+extension subjectAltName: an iPAddress has 5 octets/],
  ])("%s names the %s and shows the rest", async (file, _field, line) => {
    const res = await runCli(["inspect", `fixtures/${file}`, "--at", "2030-01-01"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(line);
    expect(res.stdout).toMatch(/3 certificates/);
    expect(res.stdout).toMatch(/Subject\s+CN=payments\.acme\.example/);
  });

  it("lists the defects in --json and leaves well-formed certificates without the field", async () => {
    const res = await runCli(["inspect", "fixtures/der/date-feb-30.pem", "--json", "--at", "2030-01-01"]);
    const certs = JSON.parse(res.stdout).certificates;
    expect(certs[0].malformed).toEqual(['notBefore: impossible time "240230000000Z"']);
    expect(certs[1].malformed).toBeUndefined();
  });

  it("check never crashes on them: exit 1 for what OpenSSL refuses, 0 with a warning for what it loads", async () => {
    const bad = await runCli(["check", "fixtures/der/serial-empty.pem", "--at", "2030-01-01"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/format\.malformed|serial is malformed/);
    const lenient = await runCli(["check", "fixtures/der/critical-false.pem", "--json", "--at", "2030-01-01"]);
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout).results[0].findings[0].id).toBe("cert.non-der");
  });
});
