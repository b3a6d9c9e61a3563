import { stringArgs } from "../args.js";
import type { FilterSpec } from "../filter.js";
import { sniffContentType } from "./sniff.js";

/**
 * inlineContent(text[, mime]): serves 200 with the text in the request phase, so the chain stops
 * and no backend is called (skipper-semantics §3.1). The body, its length and its type are worked
 * out once, when the route is built.
 */

interface InlineContent {
  readonly body: Uint8Array;
  readonly type: string;
}

const encoder = new TextEncoder();

export const inlineContentFilter: FilterSpec<InlineContent> = {
  name: "inlineContent",
  args: (raw) => {
    const [text, mime] = stringArgs(raw, { min: 1, max: 2 });
    const body = encoder.encode(text!);
    return { body, type: mime ?? sniffContentType(body) };
  },
  create: ({ body, type }) => {
    const response = {
      status: 200,
      headers: { "Content-Type": type, "Content-Length": String(body.byteLength) },
      body,
    };
    return {
      request: (context) => context.serve(response),
    };
  },
};
