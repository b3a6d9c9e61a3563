import { stringArgs } from "../args.js";
import type { FilterSpec } from "../filter.js";
import { Template } from "../template.js";
import { GoReplacer } from "./replace.js";

/** setPath and modPath: rewrite the (decoded) request path forwarded (skipper-semantics §3.3). */

export const setPathFilter: FilterSpec<Template> = {
  name: "setPath",
  args: (raw) => Template.parse(stringArgs(raw, { min: 1 })[0]!),
  create: (template) => ({
    request: (context) => {
      // Unlike the header filters, an unresolved placeholder counts as empty text here.
      context.request.path = template.apply(context).value;
    },
  }),
};

export const modPathFilter: FilterSpec<GoReplacer> = {
  name: "modPath",
  args: (raw) => {
    const [expression, replacement] = stringArgs(raw, { min: 2 });
    return new GoReplacer(expression!, replacement!);
  },
  create: (replacer) => ({
    request: (context) => {
      context.request.path = replacer.replaceAll(context.request.path);
    },
  }),
};
