import type { FilterResponse } from "@bosun/filters";

export type HeaderRecord = Record<string, string | string[] | undefined>;

/**
 * Status and headers of the response on its way to the client, as response filters see and
 * change them; the body streams past it. Header names are kept lower-case, as Node and undici
 * give them.
 */
export class ResponseHead implements FilterResponse {
  constructor(
    public status: number,
    readonly headers: HeaderRecord,
  ) {}

  header(name: string): readonly string[] | undefined {
    const value = this.headers[name.toLowerCase()];
    if (value === undefined) return undefined;
    return typeof value === "string" ? [value] : value;
  }

  setHeader(name: string, value: string | readonly string[]): void {
    this.headers[name.toLowerCase()] = typeof value === "string" ? value : [...value];
  }

  appendHeader(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.headers[key];
    this.headers[key] = existing === undefined ? value : typeof existing === "string" ? [existing, value] : [...existing, value];
  }

  deleteHeader(name: string): void {
    delete this.headers[name.toLowerCase()];
  }
}
