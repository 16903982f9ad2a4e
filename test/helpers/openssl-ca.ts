import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { issue } from "../../src/lab/make-certs.js";

// A test CA that signs CSRs with the real `openssl ca`, as a CA would: it copies the request's extensions
// (clientAuth, digitalSignature, SANs), adds key identifiers, counts serials up from 7A1003C0FFEE, and takes
// fixed dates (2024–2098), so no test depends on today's date.
const CONFIG = `[ ca ]
default_ca = test_ca
[ test_ca ]
database = ./index.txt
new_certs_dir = .
serial = ./serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
preserve = yes
[ any ]
countryName = optional
organizationName = optional
commonName = supplied
[ leaf_ext ]
basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export interface TestCa {
  dir: string;
  /** intermediate then root, as a CA's "chain" download */
  chainFile: string;
  sign(csrFile: string, outFile: string): Promise<void>;
}

export async function makeTestCa(): Promise<TestCa> {
  const dir = mkdtempSync(`${tmpdir()}/cpc-test-ca-`);
  const dates = { notBefore: new Date("2024-01-01T00:00:00Z"), notAfter: new Date("2098-12-31T00:00:00Z") };
  const root = await issue({ subject: "CN=Test Root CA, O=Test CA", ca: true, ...dates });
  const int = await issue({ subject: "CN=Test Issuing CA, O=Test CA", ca: true, issuer: root, ...dates });
  writeFileSync(`${dir}/ca.cnf`, CONFIG);
  writeFileSync(`${dir}/index.txt`, "");
  writeFileSync(`${dir}/serial`, "7A1003C0FFEE\n");
  writeFileSync(`${dir}/int.pem`, int.pem);
  writeFileSync(`${dir}/int.key`, int.keyPem, { mode: 0o600 });
  writeFileSync(`${dir}/ca-chain.pem`, int.pem + root.pem);
  return {
    dir,
    chainFile: `${dir}/ca-chain.pem`,
    async sign(csrFile, outFile) {
      await execa(
        "openssl",
        ["ca", "-batch", "-config", "ca.cnf", "-in", csrFile, "-cert", "int.pem", "-keyfile", "int.key"]
          .concat(["-startdate", "20240101000000Z", "-enddate", "20981231000000Z", "-extensions", "leaf_ext"])
          .concat(["-notext", "-out", outFile]),
        { cwd: dir },
      );
    },
  };
}
