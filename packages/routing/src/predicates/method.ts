import { ArgsError, type PredicateSpec } from "../predicate.js";
import { stringArgs } from "../args.js";

export const methodPredicate: PredicateSpec<string> = {
  name: "Method",
  args: (raw) => stringArgs(raw, { min: 1 }, "Method predicate expects 1 string argument")[0]!,
  // Exact and case-sensitive, as Skipper compares req.Method.
  create: (method) => ({ request }) => request.method === method,
};

const allowedMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"]);

export const methodsPredicate: PredicateSpec<ReadonlySet<string>> = {
  name: "Methods",
  args: (raw) => {
    if (raw.length === 0) throw new ArgsError("at least one method should be specified");
    const methods = new Set<string>();
    for (const arg of raw) {
      if (typeof arg !== "string") throw new ArgsError("only string values are allowed");
      const method = arg.toUpperCase();
      if (!allowedMethods.has(method)) throw new ArgsError(`method: ${arg} is not allowed`);
      methods.add(method);
    }
    return methods;
  },
  create: (methods) => ({ request }) => methods.has(request.method.toUpperCase()),
};
