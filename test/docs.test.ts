import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderFindingsReference, spliceReadme } from "../src/report/findings-doc.js";
import { ROOT } from "./helpers/cli.js";

// README's finding tables and docs/findings.md are generated from src/core/findings/; run `npm run docs`
// after changing the registry.
describe("generated docs match the finding registry", () => {
  it("docs/findings.md", () => {
    expect(readFileSync(`${ROOT}docs/findings.md`, "utf8")).toBe(renderFindingsReference());
  });

  it("README.md's finding tables", () => {
    const readme = readFileSync(`${ROOT}README.md`, "utf8");
    expect(readme).toBe(spliceReadme(readme));
  });

  it("the reference names every registry field of an id", () => {
    const doc = renderFindingsReference();
    expect(doc).toContain("### `tls.ca-not-accepted`: CA not accepted by the server");
    expect(doc).toContain("- **Severity:** warning, or error when the handshake was then refused");
    expect(doc).toContain("- **Source:** RFC 8446 §4.2.4 certificate_authorities / RFC 5246 §7.4.4");
  });
});
