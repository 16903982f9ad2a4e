import { LIMITS } from "../limits.js";

/**
 * A Secret whose shape is beyond the limits: nested deeper, or with more nodes, than any Secret is.
 * Checked before the document is built: `[` × 4 million took a minute and gigabytes, then overflowed
 * the stack.
 */
export class SecretShapeError extends Error {}

const deeper = () =>
  new SecretShapeError(
    `it is nested more than ${LIMITS.maxSecretDepth} levels deep; a Secret is a flat document, so it was not read further`,
  );
const larger = () =>
  new SecretShapeError(
    `it has more than ${LIMITS.maxSecretNodes} YAML tokens; a Secret has a few dozen, so it was not read further`,
  );

/** JSON: brackets outside strings (JSON strings are exact: `"`, with `\` escapes). JSON.parse is fast: only depth. */
export function assertJsonShape(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > LIMITS.maxSecretDepth) throw deeper();
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** The part of the yaml package this needs: its lexer, which reads a token at a time without building anything. */
export interface YamlLexing {
  Lexer: new () => { lex(source: string): Generator<string> };
  CST: { tokenType(source: string): string | null };
}

const FLOW_OPEN = new Set(["flow-map-start", "flow-seq-start"]);
const FLOW_CLOSE = new Set(["flow-map-end", "flow-seq-end"]);
// `- - - x` and `? ? x` nest on one line; each indicator opens a collection.
const NESTING_INDICATORS = new Set(["seq-item-ind", "explicit-key-ind"]);
const SCALAR_MARK = "\u001f";

/**
 * YAML: the lexer's tokens, stopped at the first limit. Depth is the flow level plus the block nesting
 * (the indentation levels open on the line, plus `-`/`?` indicators before its content); nodes are the
 * tokens that are not space, newline or comment.
 */
export function assertYamlShape(text: string, yaml: YamlLexing): void {
  let flow = 0;
  let nodes = 0;
  const indents: number[] = [];
  // The indentation of the current line, until its first token that is not a comment says it counts.
  let indent: number | undefined = 0;
  let indicators = 0;
  let scalarNext = false;
  for (const token of new yaml.Lexer().lex(text)) {
    if (token === SCALAR_MARK) {
      // Block scalar content comes as one token that can look like anything (spaces, brackets).
      scalarNext = true;
      continue;
    }
    const type = scalarNext ? "scalar" : yaml.CST.tokenType(token);
    scalarNext = false;
    if (type === "newline" || (type === "scalar" && token.endsWith("\n"))) {
      indent = 0;
      indicators = 0;
      continue;
    }
    if (type === "comment") continue;
    if (type === "space") {
      if (indent === 0) indent = token.length;
      continue;
    }
    if (indent !== undefined && flow === 0) openIndent(indents, indent);
    indent = undefined;
    if (++nodes > LIMITS.maxSecretNodes) throw larger();
    if (type && FLOW_OPEN.has(type)) flow++;
    else if (type && FLOW_CLOSE.has(type)) flow = Math.max(0, flow - 1);
    else if (type && NESTING_INDICATORS.has(type) && flow === 0) indicators++;
    if (flow + indents.length + indicators > LIMITS.maxSecretDepth) throw deeper();
  }
}

/** Python-style: closes the levels deeper than `indent`, and opens one when the line goes deeper. */
function openIndent(indents: number[], indent: number): void {
  while (indents.length && (indents.at(-1) as number) > indent) indents.pop();
  if (!indents.length || (indents.at(-1) as number) < indent) indents.push(indent);
}
