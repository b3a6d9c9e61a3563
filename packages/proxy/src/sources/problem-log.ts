import { describePlace, type Problem } from "@bosun/eskip";

/** A problem's fields for a JSON log line: where and what, and the file or object to search by. */
export function problemLogFields(problem: Problem): Record<string, string> {
  const { place, code } = problem;
  const fields: Record<string, string> = { code, where: describePlace(place) };
  if (place.kind === "file") fields["file"] = place.file;
  if (place.kind === "object") Object.assign(fields, { kind: place.objectKind, namespace: place.namespace, name: place.name, field: place.fieldPath });
  return fields;
}
