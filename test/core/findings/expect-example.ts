import { expect } from "vitest";
import type { Finding, FindingId } from "../../../src/core/findings/finding.js";
import { FINDINGS } from "../../../src/core/findings/registry.js";

/**
 * For ids no committed file can produce (their `exampleFrom` names this folder's test of their group): the
 * finding built from the test's facts is exactly the documented example. examples.test.ts checks that each
 * such id is asserted through this function in the file its definition names.
 */
export function expectExample(id: FindingId, f: Finding | undefined): void {
  expect(f?.id).toBe(id);
  expect(f?.message).toBe(FINDINGS[id].example);
}
