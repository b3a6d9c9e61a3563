/** The value of a series in Prometheus text: `name` alone, or `name{labels}` written as the registry writes them. */
export function metric(text: string, name: string, labels = ""): number {
  const series = labels === "" ? name : `${name}{${labels}}`;
  const escaped = series.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return Number(new RegExp(`^${escaped} (\\S+)`, "m").exec(text)?.[1]);
}
