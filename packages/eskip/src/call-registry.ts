import { ArgsError } from "./args.js";
import type { Arg, Call } from "./ast.js";
import { NamedRegistry } from "./named-registry.js";
import { printArg } from "./print.js";

/** What predicate and filter specs share: a name, and a check of the arguments as written. */
export interface CallSpec {
  readonly name: string;
  /** Validates and types the arguments; throws ArgsError with the reason. */
  args(raw: readonly Arg[]): unknown;
}

/** A call whose name and arguments the registry accepts, ready to be created. */
export interface CheckedCall<S> {
  readonly spec: S;
  readonly args: unknown;
}

/**
 * The registry of predicates or of filters. `check` is the one place a call is held against it:
 * `bosun check`, `validate`, `explain` and `serve` all reject a call with the same words.
 */
export class CallRegistry<S extends CallSpec> extends NamedRegistry<S> {
  constructor(
    private readonly callKind: "predicate" | "filter",
    skipperNames: ReadonlySet<string>,
  ) {
    super(callKind, skipperNames);
  }

  /**
   * The spec and typed arguments of the call, or why it cannot be made, in Skipper's words
   * (skipper-semantics §2.3, §3.3). `otherKindHas` tells a name of the other kind (a filter
   * written as a predicate) apart from an unknown one.
   */
  check(call: Call, otherKindHas?: (name: string) => boolean): CheckedCall<S> | string {
    const kind = this.callKind;
    const spec = this.get(call.name);
    if (!spec) {
      if (otherKindHas?.(call.name)) {
        const other = kind === "filter" ? "predicate" : "filter";
        return `unknown_${kind}: trying to use "${call.name}" as ${kind}, but it is only available as ${other}`;
      }
      return `unknown_${kind}: ${kind} "${call.name}" not found${this.unknownHint(call.name)}`;
    }
    try {
      return { spec, args: spec.args(call.args) };
    } catch (error) {
      if (!(error instanceof ArgsError)) throw error;
      return this.invalidArguments(call, error);
    }
  }

  /** Skipper's text for arguments a spec refused, in `check` or when the call is created. */
  invalidArguments(call: Call, error: ArgsError): string {
    const kind = this.callKind;
    return `invalid_${kind}_params: failed to create ${kind} ${call.name}(${call.args.map(printArg).join(", ")}): ${error.message}`;
  }
}
