import nodeForge from "node-forge";
import { describe, expect, it } from "vitest";
import { guardDerivations, Pkcs12CostError } from "../../src/core/input/pkcs12-cost.js";

type Derive = (...args: unknown[]) => string;
// The derivation functions as forge calls them (its typings leave out forge.pbe).
const forge = nodeForge as unknown as typeof nodeForge & {
  pkcs12: { generateKey: Derive };
  pbe: { generatePkcs12Key: Derive };
  pkcs5: { pbkdf2: Derive };
};

// Counts inside encrypted content (a shrouded key in an encrypted SafeContents) are seen only once forge has
// decrypted it, so every derivation forge makes while it opens a file is checked before it runs.
describe("guardDerivations", () => {
  it.each([
    ["the MAC key (PKCS#12 KDF)", () => forge.pkcs12.generateKey("", "salt", 3, 2 ** 40, 20)],
    ["a PKCS#12 PBE key", () => forge.pbe.generatePkcs12Key("", "salt", 1, 2 ** 40, 24)],
    ["a PBKDF2 key (PBES2)", () => forge.pkcs5.pbkdf2("", "salt", 2 ** 40, 32)],
  ])("refuses %s beyond the limit before deriving it", (_what, derive) => {
    expect(() => guardDerivations(nodeForge, derive)).toThrow(Pkcs12CostError);
  });

  it("counts all derivations of one file together, and only inside the guarded call", () => {
    const many = () => {
      for (let i = 0; i < 5; i++) forge.pkcs5.pbkdf2("", "salt", 100_000, 32);
    };
    expect(() => guardDerivations(nodeForge, many)).toThrow(/more than 400000 key-derivation iterations in all/);
    // Outside an opening (forge writing a .p12 for `fix -o`), nothing is counted.
    expect(forge.pkcs5.pbkdf2("", "salt", 1000, 32)).toHaveLength(32);
  });
});
