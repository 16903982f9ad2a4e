// Writes docs/findings.md and README's finding tables from the registry (src/core/findings/).
import { readFileSync, writeFileSync } from "node:fs";
import { importTs } from "./import-ts.mjs";

const docs = await importTs("src/report/findings-doc.ts");
writeFileSync("docs/findings.md", docs.renderFindingsReference());
writeFileSync("README.md", docs.spliceReadme(readFileSync("README.md", "utf8")));
console.log("wrote docs/findings.md and README.md's finding tables");
