// Prometheus text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats): each family's
// HELP and TYPE once, then its samples together, and no label set twice within a family (promtool and the
// textfile collector refuse a repeated series).

import { displayText } from "../core/display-text.js";

export type Labels = Record<string, string | undefined>;

// Newlines keep the format's own \n escape; every other control character is made visible (displayText).
const escapeValue = (s: string) =>
  displayText(s, "\n").replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const escapeHelp = (s: string) => s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

/** `{a="x",b="y"}`, leaving out labels without a value (Prometheus treats an empty label as absent). */
export function renderLabels(labels: Labels): string {
  const pairs = Object.entries(labels).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== "");
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escapeValue(v)}"`).join(",")}}` : "";
}

/** One gauge family; `merge` decides the value when a label set comes twice (e.g. a duplicated certificate). */
export class GaugeFamily {
  private readonly samples = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly merge: (old: number, next: number) => number = (_old, next) => next,
  ) {}

  set(labels: Labels, value: number): void {
    const key = renderLabels(labels);
    const old = this.samples.get(key);
    this.samples.set(key, old === undefined ? value : this.merge(old, value));
  }

  /**
   * Writes the family line by line (the check reporter's writer gathers lines into large writes) and forgets
   * each sample once written: at 10,000 bundles the output is ~28 MB, and one string per family beside the
   * samples still held had the whole document in memory twice at the end of the run.
   */
  render(write: (text: string) => void): void {
    write(`# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} gauge\n`);
    for (const [labels, value] of this.samples) {
      write(`${this.name}${labels} ${value}\n`);
      this.samples.delete(labels);
    }
  }
}
