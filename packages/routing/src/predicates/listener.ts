import { stringArgs } from "../args.js";
import { ArgsError, invalidParameters, type PredicateSpec } from "../predicate.js";

/**
 * Listener("namespace/gateway", "listener"), bosun's own (gateway-api §3.3; Skipper has no such
 * predicate): the proxy's listener selection (§2.2) picked that listener of that Gateway for the
 * request. The route table files the route in that listener's domain (table.ts), so the matcher
 * below only serves `bosun explain`.
 *
 * The argument is the listener's key as the proxy sets it on the request: `namespace/gateway/listener`.
 */
export const listenerPredicate: PredicateSpec<string> = {
  name: "Listener",
  args: (raw) => {
    const [gateway, listener] = stringArgs(raw, { min: 2 }, `${invalidParameters}: expects 2 string arguments, "namespace/gateway" and the listener's name`);
    const parts = gateway!.split("/");
    if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
      throw new ArgsError(`${invalidParameters}: the Gateway must be given as "namespace/name", not ${JSON.stringify(gateway)}`);
    }
    if (listener === "") throw new ArgsError(`${invalidParameters}: the listener's name must not be empty`);
    return `${gateway}/${listener}`;
  },
  narrows: (key) => ({ listener: key }),
  create: (key) => ({ request }) => request.listener === key,
};
