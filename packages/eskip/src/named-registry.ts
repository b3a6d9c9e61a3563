import { unknownNameHint } from "./unknown-name.js";

/**
 * Specs by name, each name once. Predicates, filters and load-balancing algorithms are registered
 * alike, built-ins exactly as a user's own (ARCHITECTURE.md, extension points); a second spec of
 * the same name is a mistake, refused when it is added rather than left to shadow the first.
 */
export class NamedRegistry<S extends { readonly name: string }> {
  private readonly specs = new Map<string, S>();

  /**
   * `kind` names what is registered, for messages: "predicate", "filter", … `skipperNames` are
   * the names Skipper has of that kind, which a missing name is told apart from a typo by.
   */
  constructor(
    private readonly kind: string,
    private readonly skipperNames: ReadonlySet<string> = new Set(),
  ) {}

  add(spec: S): this {
    if (this.specs.has(spec.name)) throw new Error(`${this.kind} ${spec.name} is registered already`);
    this.specs.set(spec.name, spec);
    return this;
  }

  get(name: string): S | undefined {
    return this.specs.get(name);
  }

  names(): string[] {
    return [...this.specs.keys()].sort();
  }

  /** What to add to "not found" for a name this registry lacks: the names meant, or that Skipper has it. */
  unknownHint(name: string): string {
    return unknownNameHint(name, { kind: this.kind, known: this.specs.keys(), skipperNames: this.skipperNames });
  }
}
