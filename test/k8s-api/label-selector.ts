/**
 * Kubernetes label selectors as list and watch requests give them: `a=b`, `a==b`, `a!=b`, `a`,
 * `!a`, `a in (x,y)`, `a notin (x)`, joined by commas.
 */
type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

function requirements(selector: string): Requirement[] {
  const parts = selector.match(/[^,()]+(?:\([^)]*\))?/g) ?? [];
  return parts.map((part) => part.trim()).filter((part) => part !== "").map(requirement);
}

function requirement(text: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(text);
  if (set) {
    const [, key, operator, values] = set as unknown as [string, string, string, string];
    const allowed = new Set(values.split(",").map((value) => value.trim()));
    return operator === "in" ? (labels) => allowed.has(labels[key] ?? "\0") : (labels) => !allowed.has(labels[key] ?? "\0");
  }
  const comparison = /^([^!=]+)(!=|==|=)(.*)$/.exec(text);
  if (comparison) {
    const [, key, operator, value] = comparison as unknown as [string, string, string, string];
    return operator === "!=" ? (labels) => labels[key.trim()] !== value.trim() : (labels) => labels[key.trim()] === value.trim();
  }
  if (text.startsWith("!")) return (labels) => !(text.slice(1) in labels);
  return (labels) => text in labels;
}

export function labelsMatch(selector: string | null, labels: Readonly<Record<string, string>>): boolean {
  if (selector === null || selector === "") return true;
  return requirements(selector).every((matches) => matches(labels));
}
