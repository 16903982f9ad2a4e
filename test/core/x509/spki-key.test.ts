import { createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { namedCurvePoint, publicKeyOf } from "../../../src/core/x509/spki-key.js";

// publicKeyOf takes a JWK route for RFC 5480's exact encoding of P-256/384/521 keys: it must give the key the
// DER route gives, and refuse what the DER route refuses. Each curve's prime p, from `openssl ecparam -name …
// -param_enc explicit -text`: an x of p itself is out of range (and, with the key's y, off the curve too; the
// test below refuses coordinates that only their range rules out).
const CURVES = [
  ["P-256", 32, "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"],
  ["P-384", 48, `${"f".repeat(56)}fffffffeffffffff0000000000000000ffffffff`],
  ["P-521", 66, `01${"f".repeat(130)}`],
] as const;
const der = (spki: Buffer) => () => createPublicKey({ key: spki, format: "der", type: "spki" });

describe("publicKeyOf", () => {
  for (const [curve, size, prime] of CURVES) {
    it(`${curve}: Node's own encoding of the key takes the JWK route, with the key's own point`, () => {
      const { publicKey } = generateKeyPairSync("ec", { namedCurve: curve });
      const spki = publicKey.export({ type: "spki", format: "der" });
      // Without this the route could fall back to DER for every key and every other test here would pass.
      expect(namedCurvePoint(spki)).toEqual(publicKey.export({ format: "jwk" }));
      expect(namedCurvePoint(spki.subarray(0, spki.length - 1))).toBeUndefined();
    });

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

  // An importer that reduced coordinates mod p would take x + p for x: both routes must refuse it.
  it("refuses a coordinate written as itself plus p, which reduces to a point on the curve", () => {
    const p256 = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
    const b256 = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
    const [x, y] = pointWithSmallX(p256, b256);
    const prefix = spkiPrefix("P-256");
    const valid = Buffer.concat([prefix, bytes(x, 32), bytes(y, 32)]);
    expect(publicKeyOf(valid).equals(der(valid)())).toBe(true);
    const xPlusP = Buffer.concat([prefix, bytes(x + p256, 32), bytes(y, 32)]);
    expect(der(xPlusP)).toThrow();
    expect(() => publicKeyOf(xPlusP)).toThrow();

    const p521 = 2n ** 521n - 1n;
    const jwk = generateKeyPairSync("ec", { namedCurve: "P-521" }).publicKey.export({ format: "jwk" });
    const [x521, y521] = [jwk.x, jwk.y].map((c) =>
      BigInt(`0x${Buffer.from(c as string, "base64url").toString("hex")}`),
    );
    for (const [cx, cy] of [
      [x521 + p521, y521],
      [x521, y521 + p521],
    ]) {
      const bad = Buffer.concat([spkiPrefix("P-521"), bytes(cx, 66), bytes(cy, 66)]);
      expect(der(bad)).toThrow();
      expect(() => publicKeyOf(bad)).toThrow();
    }
  });

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

/** The SubjectPublicKeyInfo DER of a key of `curve` without its two coordinates. */
function spkiPrefix(curve: string): Buffer {
  const spki = generateKeyPairSync("ec", { namedCurve: curve }).publicKey.export({ type: "spki", format: "der" });
  const size = { "P-256": 32, "P-384": 48, "P-521": 66 }[curve] as number;
  return spki.subarray(0, spki.length - 2 * size);
}

const bytes = (n: bigint, size: number) => Buffer.from(n.toString(16).padStart(size * 2, "0"), "hex");

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/** The point of y² = x³ − 3x + b (mod p, p ≡ 3 mod 4) with the smallest x. */
function pointWithSmallX(p: bigint, b: bigint): [bigint, bigint] {
  for (let x = 1n; ; x++) {
    const rhs = (((x ** 3n - 3n * x + b) % p) + p) % p;
    const y = modPow(rhs, (p + 1n) / 4n, p);
    if ((y * y) % p === rhs) return [x, y];
  }
}
