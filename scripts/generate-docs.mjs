// Writes docs/findings.md from the finding registry (src/core/findings/) and the option tables of
// docs/commands.md from the commander definitions (src/cli/commands/).
import { readFileSync, writeFileSync } from "node:fs";
import { importTs } from "./import-ts.mjs";

const findings = await importTs("src/report/findings-doc.ts");
writeFileSync("docs/findings.md", findings.renderFindingsReference());

const { createProgram } = await importTs("src/cli/program.ts");
const commands = await importTs("src/report/commands-doc.ts");
const silent = () => {};
const io = { stdout: silent, stderr: silent, readStdin: async () => Buffer.alloc(0), env: {}, cwd: process.cwd() };
const program = createProgram({ ...io, stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false }, silent);
writeFileSync("docs/commands.md", commands.spliceCommandsDoc(readFileSync("docs/commands.md", "utf8"), program));
console.log("wrote docs/findings.md and docs/commands.md's option tables");
