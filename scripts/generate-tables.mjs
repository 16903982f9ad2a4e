// Writes the tables the source imports that are made from the Node running this script:
// src/core/trust-store/mozilla-root-keys.generated.ts (Node's Mozilla root store, as name-and-key hashes).
// Run it after changing Node versions; test/core/root-store.test.ts fails while the table is stale.
import { writeFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { importTs } from "./import-ts.mjs";

const FILE = "src/core/trust-store/mozilla-root-keys.generated.ts";
const { renderMozillaRootKeys } = await importTs("src/core/trust-store/root-key.ts");
writeFileSync(FILE, renderMozillaRootKeys(rootCertificates, process.version));
console.log(`wrote ${FILE}: ${rootCertificates.length} roots of Node ${process.version}`);
