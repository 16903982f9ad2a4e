import { readdirSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBundle } from "../../../src/core/input/read-bundle.js";
import { sanTexts } from "../../../src/core/x509/describe-certificate.js";
import { subjectAltNames, subjectAltNameTexts } from "../../../src/core/x509/san.js";
import { issue } from "../../../src/lab/make-certs.js";
import { FIXTURES } from "../../helpers/cli.js";

const pems = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const path = `${dir}/${f}`;
    if (statSync(path).isDirectory()) return pems(path);
    return f.endsWith(".pem") ? [path] : [];
  });

// check writes the SANs of plain names itself (node:crypto's X509Certificate costs ~0.5 ms a certificate);
// they must read exactly as node:crypto writes them, which `inspect` shows.
describe("SAN texts", () => {
  it("are node:crypto's for every certificate of the fixtures", () => {
    let compared = 0;
    for (const file of pems(FIXTURES.slice(0, -1))) {
      for (const { cert } of readBundle(readFileSync(file), file).entries) {
        let native: string[];
        try {
          native = subjectAltNameTexts(cert);
        } catch {
          continue;
        }
        expect(sanTexts(cert), file).toEqual(native);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("are node:crypto's for names it quotes, IPv6 and a mix", async () => {
    const names = ["plain.example", "*.wild.example", "127.0.0.1", "::1", "we,ird.example", 'q"uote.example'];
    for (const list of [names, names.slice(0, 3), ["::1"]]) {
      const cert = await issue({ subject: "CN=san", serverNames: list });
      const [entry] = readBundle(Buffer.from(cert.pem), "san.pem").entries;
      expect(sanTexts(entry.cert)).toEqual(subjectAltNameTexts(entry.cert));
    }
  });

  it("are read once per certificate: the same names for every reader, as a fresh parse reads them", async () => {
    const cert = (await issue({ subject: "CN=san", serverNames: ["a.example", "127.0.0.1"] })).pem;
    const [entry] = readBundle(Buffer.from(cert), "san.pem").entries;
    const [fresh] = readBundle(Buffer.from(cert), "san.pem").entries;
    expect(subjectAltNames(entry.cert)).toBe(subjectAltNames(entry.cert));
    expect(subjectAltNames(entry.cert)).toEqual(subjectAltNames(fresh.cert));
    expect(subjectAltNames(entry.cert).map((n) => n.form)).toEqual(["dns", "ip"]);
  });
});
