/** A Markdown table padded the way `biome format` pads one, so generated files pass `biome check` unchanged. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const all = [header, ...rows].map((r) => r.map(cell));
  const width = header.map((_, i) => Math.max(3, ...all.map((r) => [...r[i]].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + " ".repeat(width[i] - [...c].length)).join(" | ")} |`;
  const rule = `| ${width.map((w) => "-".repeat(w)).join(" | ")} |`;
  return [line(all[0]), rule, ...all.slice(1).map(line)].join("\n");
}
