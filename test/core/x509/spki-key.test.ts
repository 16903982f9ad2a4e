import { createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { publicKeyOf } from "../../../src/core/x509/spki-key.js";

// publicKeyOf takes a JWK route for RFC 5480's exact encoding of P-256/384/521 keys: it must give the key the
// DER route gives, and refuse what the DER route refuses. Each curve's prime p, from `openssl ecparam -name …
// -param_enc explicit -text`: an x of p itself is out of range.
const CURVES = [
  ["P-256", 32, "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"],
  ["P-384", 48, `${"f".repeat(56)}fffffffeffffffff0000000000000000ffffffff`],
  ["P-521", 66, `01${"f".repeat(130)}`],
] as const;
const der = (spki: Buffer) => () => createPublicKey({ key: spki, format: "der", type: "spki" });

describe("publicKeyOf", () => {
  for (const [curve, size, prime] of CURVES) {
    it(`${curve}: the same key as the DER route, which verifies the same signatures`, () => {
      for (let i = 0; i < 20; i++) {
        const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: curve });
        const spki = publicKey.export({ type: "spki", format: "der" });
        const key = publicKeyOf(spki);
        expect(key.equals(der(spki)())).toBe(true);
        expect(key.asymmetricKeyDetails).toEqual(der(spki)().asymmetricKeyDetails);
        const signature = sign("sha256", Buffer.from("tbs"), privateKey);
        expect(verify("sha256", Buffer.from("tbs"), key, signature)).toBe(true);
        expect(verify("sha256", Buffer.from("tbx"), key, signature)).toBe(false);
      }
    });

    it(`${curve}: refuses what the DER route refuses (off the curve, a coordinate out of range)`, () => {
      const spki = generateKeyPairSync("ec", { namedCurve: curve }).publicKey.export({ type: "spki", format: "der" });
      const y = spki.length - 1;
      const offCurve = Buffer.from(spki);
      offCurve[y] ^= 1;
      const xAtPrime = Buffer.from(spki);
      expect(prime.length).toBe(size * 2);
      Buffer.from(prime, "hex").copy(xAtPrime, spki.length - 2 * size);
      const zero = Buffer.from(spki);
      zero.fill(0, spki.length - 2 * size);
      for (const bad of [offCurve, xAtPrime, zero]) {
        expect(der(bad)).toThrow();
        expect(() => publicKeyOf(bad)).toThrow();
      }
    });
  }

  it("takes the DER route for any other encoding: a compressed point, RSA, Ed25519", () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey;
    const { x, y } = ec.export({ format: "jwk" }) as { x: string; y: string };
    const compressed = Buffer.concat([
      Buffer.from("3039301306072a8648ce3d020106082a8648ce3d030107032200", "hex"),
      Buffer.from([Buffer.from(y, "base64url")[31] & 1 ? 3 : 2]),
      Buffer.from(x, "base64url"),
    ]);
    expect(publicKeyOf(compressed).equals(ec)).toBe(true);
    for (const type of ["rsa", "ed25519"] as const) {
      const { publicKey } = generateKeyPairSync(type as "rsa", { modulusLength: 2048 });
      const spki = publicKey.export({ type: "spki", format: "der" });
      expect(publicKeyOf(spki).equals(publicKey)).toBe(true);
    }
  });
});
