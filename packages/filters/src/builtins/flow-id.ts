import { ArgsError } from "@bosun/eskip";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";

/**
 * flowId(["reuse"]): sets X-Flow-Id to a new id of 16 characters from Skipper's alphabet, or with
 * "reuse" keeps one the request already carries when it is valid (skipper-semantics §3.3).
 */

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-+";
const idLength = 16;
/** Skipper's standard generator accepts ids of 8 to 64 of these characters. */
const validId = /^[0-9a-zA-Z+-]{8,64}$/;

export const flowIdFilter: FilterSpec<boolean> = {
  name: "flowId",
  args: (raw) => {
    // Skipper ignores further arguments (a deprecated form) and reads any other string as "no reuse".
    const [reuse] = raw;
    if (reuse === undefined) return false;
    if (typeof reuse !== "string") throw new ArgsError(invalidFilterParameters);
    return reuse.toLowerCase() === "reuse";
  },
  create: (reuse, environment) => ({
    request: (context) => {
      if (reuse) {
        const existing = context.request.header("x-flow-id")?.[0];
        if (existing !== undefined && validId.test(existing)) return;
      }
      let id = "";
      for (let i = 0; i < idLength; i++) id += alphabet[Math.floor(environment.random() * alphabet.length)];
      context.request.setHeader("X-Flow-Id", id);
    },
  }),
};
