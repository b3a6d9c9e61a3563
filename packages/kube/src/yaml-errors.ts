import type { YAMLError } from "yaml";

/** A YAML syntax error as `line:col: message`, without the code frame the yaml package appends to its message. */
export function yamlErrorText(error: YAMLError, fallback?: { line: number; col: number }): string {
  const at = error.linePos?.[0] ?? fallback;
  const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "");
  return at === undefined ? message : `${at.line}:${at.col}: ${message}`;
}
