/**
 * Route ids as metric labels, capped (ARCHITECTURE.md): a table of 100k routes must not make
 * 100k time series per metric. The first `limit` ids seen keep their name; later ones share
 * "other". Requests that matched no route are labelled "".
 */
export class RouteLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number) {}

  of(routeId: string | undefined): string {
    if (routeId === undefined) return "";
    if (this.seen.has(routeId)) return routeId;
    if (this.seen.size >= this.limit) return "other";
    this.seen.add(routeId);
    return routeId;
  }
}
