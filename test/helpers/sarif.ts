import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import AjvDraft04 from "ajv-draft-04";
import { ROOT } from "./cli.js";

// The official SARIF 2.1.0 schema (draft-04), as shipped by @microsoft/jest-sarif. Its patterns are not valid
// with the u flag, and its formats are judged by the SARIF Multitool below (SARIF1002 for URIs).
const schema = JSON.parse(
  readFileSync(`${ROOT}node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json`, "utf8"),
);
// CommonJS: under NodeNext the default import is module.exports, whose `default` is the class itself.
const Ajv = AjvDraft04.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
const validateSchema = ajv.compile(schema);

/** Schema errors of a SARIF log, or "" when it is valid. */
export function sarifSchemaErrors(log: unknown): string {
  return validateSchema(log) ? "" : ajv.errorsText(validateSchema.errors);
}

/** The SARIF Multitool's binary for this platform (a self-contained .NET program in the npm package). */
function multitoolPath(): string | undefined {
  try {
    return createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
  } catch {
    return undefined;
  }
}

const MULTITOOL = multitoolPath();
/** Why the Multitool cannot run here, or undefined when it can. */
export const multitoolMissing: string | undefined = !MULTITOOL
  ? "@microsoft/sarif-multitool has no binary for this platform"
  : spawnSync(MULTITOOL, ["--version"], { encoding: "utf8", timeout: 60_000 }).status === 0
    ? undefined
    : "the SARIF Multitool binary does not start on this machine";

// SARIF2006 fetches every URI in the log over HTTP: tests never reach the internet, so it is turned off.
const CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`;

/**
 * The errors and warnings of `validate --rule-kind "Sarif;Gh"` (SARIF's own rules and GitHub's) for each log,
 * as "ID: text". One run of the Multitool for all of them: it takes seconds to start.
 */
export function multitoolComplaints(...logs: string[]): string[][] {
  const dir = mkdtempSync(`${tmpdir()}/cpc-multitool-`);
  writeFileSync(`${dir}/config.xml`, CONFIG);
  const files = logs.map((log, i) => {
    writeFileSync(`${dir}/log${i}.sarif`, log);
    return `${dir}/log${i}.sarif`;
  });
  const args = ["validate", "-c", `${dir}/config.xml`, "--rule-kind", "Sarif;Gh", "--level", "Error;Warning"];
  const res = spawnSync(MULTITOOL as string, [...args, "-o", `${dir}/out.sarif`, ...files], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (res.status !== 0) throw new Error(`SARIF Multitool failed (${res.status}): ${res.stdout}${res.stderr}`);
  const out = JSON.parse(readFileSync(`${dir}/out.sarif`, "utf8"));
  type Complaint = {
    ruleId: string;
    message: { text?: string; arguments?: string[] };
    locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
  };
  const results: Complaint[] = out.runs[0].results ?? [];
  return files.map((file) =>
    results
      .filter((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.endsWith(file.slice(dir.length)))
      .map((r) => `${r.ruleId}: ${r.message.text ?? r.message.arguments?.join(" ")}`),
  );
}
