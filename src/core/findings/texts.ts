// The registry with every text, for `explain` only: src/cli/commands/explain/run.ts imports this module on demand.
// In the bundle, scripts/finding-severities-plugin.mjs gives every other importer the severities alone and
// turns this module into one chunk holding the full registry, so `check` never loads the texts.
export { FINDINGS as FINDING_TEXTS } from "./registry.js";
