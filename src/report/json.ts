import type { BundleResult } from "../core/check-bundle.js";

export const SCHEMA_VERSION = 1;

/** `check --json`: one document, stable field names (README "JSON output"). */
export function renderJson(results: BundleResult[]): string {
  const doc = { schemaVersion: SCHEMA_VERSION, ok: results.every((r) => r.ok), results };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
