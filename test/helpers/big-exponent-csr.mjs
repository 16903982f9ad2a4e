// An RSA key with a ~3,060-bit public exponent and a certificate request it signs (Node makes no such key
// itself): N copies of the request in bigexp.csr in the current folder. Written by a review of inspect.
import crypto from "node:crypto";
import fs from "node:fs";

const b2n = (b) => BigInt(`0x${Buffer.from(b).toString("hex")}`);
const n2b = (n) => {
  let h = n.toString(16);
  if (h.length % 2) h = `0${h}`;
  return Buffer.from(h, "hex");
};
const b64u = (n) => n2b(n).toString("base64url");
function egcd(a, b) {
  let [x0, x1, y0, y1] = [1n, 0n, 0n, 1n];
  while (b) {
    const q = a / b;
    [a, b] = [b, a % b];
    [x0, x1] = [x1, x0 - q * x1];
    [y0, y1] = [y1, y0 - q * y1];
  }
  return [a, x0, y0];
}
const modinv = (a, m) => {
  const [g, x] = egcd(((a % m) + m) % m, m);
  if (g !== 1n) return null;
  return ((x % m) + m) % m;
};
const p = b2n(crypto.generatePrimeSync(1536, { safe: false }));
const q = b2n(crypto.generatePrimeSync(1536));
const n = p * q,
  phi = (p - 1n) * (q - 1n);
let e, d;
do {
  e = b2n(crypto.randomBytes(383)) | 1n;
  d = modinv(e, phi);
} while (!d);
const jwk = {
  kty: "RSA",
  n: b64u(n),
  e: b64u(e),
  d: b64u(d),
  p: b64u(p),
  q: b64u(q),
  dp: b64u(d % (p - 1n)),
  dq: b64u(d % (q - 1n)),
  qi: b64u(modinv(q, p)),
};
const key = crypto.createPrivateKey({ key: jwk, format: "jwk" });
const spki = crypto.createPublicKey(key).export({ type: "spki", format: "der" });
const tlv = (tag, ...parts) => {
  const body = Buffer.concat(parts);
  const l = body.length;
  const len =
    l < 128
      ? Buffer.from([l])
      : (() => {
          const h = n2b(BigInt(l));
          return Buffer.concat([Buffer.from([0x80 | h.length]), h]);
        })();
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...p) => tlv(0x30, ...p);
const oid = (hex) => tlv(0x06, Buffer.from(hex, "hex"));
const name = seq(tlv(0x31, seq(oid("550403"), tlv(0x0c, Buffer.from("bigexp")))));
const info = seq(tlv(0x02, Buffer.from([0])), name, spki, tlv(0xa0));
const sig = crypto.sign("sha256", info, key);
const alg = seq(oid("2a864886f70d01010b"), tlv(0x05));
const csr = seq(info, alg, tlv(0x03, Buffer.from([0]), sig));
const block = `-----BEGIN CERTIFICATE REQUEST-----\n${csr
  .toString("base64")
  .match(/.{1,64}/g)
  .join("\n")}\n-----END CERTIFICATE REQUEST-----\n`;
const count = Number(process.argv[2] ?? 1);
fs.writeFileSync("bigexp.csr", block.repeat(count));
console.log(csr.length, "bytes each,", count, "blocks, file", block.length * count);
