import type { Command, Option } from "commander";
import { markdownTable } from "./markdown-table.js";

// docs/commands.md's option tables are generated from the commander definitions (src/cli/commands/) by
// `npm run docs`; the prose around them is written by hand. test/docs.test.ts fails when they drift.

/** The commands a user can run, in the order of `--help` (commander's implicit `help` left out). */
export function documentedCommands(program: Command): Command[] {
  return program.commands.filter((c) => c.name() !== "help");
}

function defaultText(o: Option): string {
  if (o.negate || o.defaultValue === undefined) return "";
  return `\`${String(o.defaultValue)}\``;
}

/** One command's table: its arguments, then its options, with commander's descriptions and defaults. */
export function renderOptionsTable(command: Command): string {
  const args = command.registeredArguments.map((a) => {
    const name = `${a.name()}${a.variadic ? "..." : ""}`;
    return [`\`${a.required ? `<${name}>` : `[${name}]`}\``, a.description, ""];
  });
  const options = command.options
    .filter((o) => !o.hidden)
    .map((o) => [`\`${o.flags}\``, o.description, defaultText(o)]);
  return markdownTable(["argument or option", "meaning", "default"], [...args, ...options]);
}

const MARKERS = (name: string) => [`<!-- options:${name}:start -->`, `<!-- options:${name}:end -->`] as const;

/** docs/commands.md with each command's generated table replaced between its marker comments. */
export function spliceCommandsDoc(doc: string, program: Command): string {
  let out = doc;
  for (const command of documentedCommands(program)) {
    const [start, end] = MARKERS(command.name());
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/commands.md lacks the markers ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n\n${renderOptionsTable(command)}\n\n${out.slice(to)}`;
  }
  return out;
}
