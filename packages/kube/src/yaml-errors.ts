import type { YAMLError } from "yaml";

/** Where a YAML syntax error is, and its message without the code frame the yaml package appends. */
export function yamlErrorText(error: YAMLError, fallback: { line: number; col: number }): { line: number; col: number; message: string } {
  const at = error.linePos?.[0] ?? fallback;
  return { line: at.line, col: at.col, message: yamlErrorMessage(error) };
}

/** A YAML syntax error as `line:col: message`, where the error says where it is. */
export function yamlErrorLine(error: YAMLError): string {
  const at = error.linePos?.[0];
  return at === undefined ? yamlErrorMessage(error) : `${at.line}:${at.col}: ${yamlErrorMessage(error)}`;
}

function yamlErrorMessage(error: YAMLError): string {
  return error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "");
}
