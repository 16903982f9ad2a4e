import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Every run gets a fresh code cache folder for the bin (bin/code-cache.js): the first spawn of each command
// compiles and writes it, as on a user's first run, and nothing goes into the user's ~/.cache.
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "cpc-test-cache-"));
  process.env.CONNECTPAY_CERT_CACHE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
