/** Below this many files the old generation never fills up to its first limit: nothing to tune. */
export const MANY_FILES = 1000;

/**
 * Peak memory of a run over many files, kept flat with its size. V8 lets the old generation grow
 * to several times what is live before a full collection; what is live in `check DIR` is small (about 10 MB)
 * but each bundle leaves about 1.5 KB of garbage there (short-lived objects that V8 allocates old, such as
 * object spreads), so peak memory rose with the folder and with the machine's load (concurrent marking
 * starved of CPU): 140–205 MiB at 50,000 bundles. Growing by 30% keeps it at 120–124 MiB (140–143 MiB
 * without, same run); the extra full collections of that small live heap cost no measurable CPU (same-run
 * medians within 3% at 10,000 and 50,000 bundles, on a loaded machine). Set at run time, where it applies
 * from the next collection (Node 20's V8 has the flag; one a V8 lacked would cost an "unrecognized flag"
 * line on stderr, never the report).
 */
export async function tuneHeapForManyFiles(count: number): Promise<() => void> {
  if (count < MANY_FILES || heapGrowthGiven(process.execArgv, process.env.NODE_OPTIONS)) return () => {};
  const { setFlagsFromString } = await import("node:v8");
  setFlagsFromString("--heap-growing-percent=30");
  // The flag is this run's: put back for whatever the process does next (runLine may judge again). Such a
  // run writes no code cache (cacheable() in main.ts), whose flag hash the flag would otherwise change.
  return () => setFlagsFromString("--heap-growing-percent=0");
}

/**
 * Whether the user set the flag on Node's command line or in NODE_OPTIONS: then they keep their own value.
 * V8 reads `_` and `-` in a flag's name alike.
 */
export function heapGrowthGiven(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, nodeOptions ?? ""].some((a) => a.replaceAll("_", "-").includes("heap-growing-percent"));
}
