import { stringArgs } from "../args.js";
import type { FilterSpec } from "../filter.js";
import { Template } from "../template.js";

/**
 * annotate, tracingTag and comment: metadata only (skipper-semantics §3.3). Annotations and tags
 * become directives the access log and explain can show; a later annotation of a key wins.
 */

interface Annotation {
  readonly key: string;
  readonly value: string;
}

export const annotateFilter: FilterSpec<Annotation> = {
  name: "annotate",
  args: (raw) => {
    const [key, value] = stringArgs(raw, { min: 2 });
    return { key: key!, value: value! };
  },
  create: ({ key, value }) => ({
    request: (context) => context.directives.annotate(key, value),
  }),
};

interface TracingTag {
  readonly key: string;
  readonly value: Template;
}

export const tracingTagFilter: FilterSpec<TracingTag> = {
  name: "tracingTag",
  args: (raw) => {
    const [key, value] = stringArgs(raw, { min: 2 });
    return { key: key!, value: Template.parse(value!) };
  },
  create: ({ key, value }) => ({
    request: (context) => {
      // As in Skipper, a tag whose value has an unresolved placeholder is not set.
      const result = value.apply(context);
      if (result.complete) context.directives.annotate(key, result.value);
    },
  }),
};

export const commentFilter: FilterSpec<string> = {
  name: "comment",
  args: (raw) => stringArgs(raw, { min: 1 })[0]!,
  create: () => ({}),
};
