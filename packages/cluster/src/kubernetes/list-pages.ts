import type { KubeConfig } from "@kubernetes/client-node";
import { apiGet, ApiError } from "./api-request.js";

export interface RawList {
  readonly items: Array<Record<string, unknown>>;
  readonly metadata: { readonly resourceVersion: string };
}

/** Items a page asks for: big lists come in pages, so that no one answer holds them all. */
const pageSize = 500;

/**
 * Every item of a collection, page by page (`limit` and `continue`). A continue token the server
 * has compacted away (410) starts the list over, once, as client-go's pager does.
 */
export async function listAll(config: KubeConfig, path: string, labelSelector: string | undefined, timeoutMs: number): Promise<RawList> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await listPages(config, path, labelSelector, timeoutMs);
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode !== 410 || attempt > 0) throw error;
    }
  }
}

async function listPages(config: KubeConfig, path: string, labelSelector: string | undefined, timeoutMs: number): Promise<RawList> {
  const items: Array<Record<string, unknown>> = [];
  let resourceVersion = "";
  let token: string | undefined;
  do {
    const page = (await apiGet(config, path, { limit: String(pageSize), continue: token, labelSelector }, timeoutMs)) as {
      items?: Array<Record<string, unknown>> | null;
      metadata?: { resourceVersion?: string; continue?: string };
    };
    for (const item of page.items ?? []) items.push(item);
    // The first page's resourceVersion is the list's: the watch goes on from it.
    if (token === undefined) resourceVersion = page.metadata?.resourceVersion ?? "";
    token = page.metadata?.continue || undefined;
  } while (token !== undefined);
  return { items, metadata: { resourceVersion } };
}
