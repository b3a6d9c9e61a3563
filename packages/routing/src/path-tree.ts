import { restIsNonEmpty, type PatternSegment } from "./path-pattern.js";

/**
 * A tree over path segments with the search order of Skipper's pathmux (skipper-semantics §2.2):
 * at each node the static child first, then the `:param` child, then the catch-all, backtracking
 * to the next alternative when a leaf has no route that matches.
 */
class TreeNode<L> {
  staticChildren: Map<string, TreeNode<L>> | undefined;
  paramChild: TreeNode<L> | undefined;
  catchAllLeaf: L | undefined;
  leaf: L | undefined;
}

export class PathTree<L> {
  private readonly root = new TreeNode<L>();
  /**
   * Leaves of keys without wildcards, by their path: the common request takes one map lookup
   * to its first candidate leaf instead of a walk down the tree.
   */
  private readonly staticLeaves = new Map<string, L>();

  /** The leaf at a key, made with `create` the first time. */
  leafAt(key: readonly PatternSegment[], create: () => L): L {
    let node = this.root;
    for (const segment of key) {
      if (segment.kind === "catchAll") {
        node.catchAllLeaf ??= create();
        return node.catchAllLeaf;
      }
      if (segment.kind === "param") {
        node = node.paramChild ??= new TreeNode();
      } else {
        node.staticChildren ??= new Map();
        let child = node.staticChildren.get(segment.text);
        if (!child) node.staticChildren.set(segment.text, (child = new TreeNode()));
        node = child;
      }
    }
    if (!node.leaf) {
      node.leaf = create();
      if (key.every((segment) => segment.kind === "static")) {
        this.staticLeaves.set(`/${key.map((segment) => (segment as { text: string }).text).join("/")}`, node.leaf);
      }
    }
    return node.leaf;
  }

  /**
   * The leaf of the all-static key equal to the path, if any. It is the first leaf `find` visits
   * for that path, because static segments outrank wildcards at every position.
   */
  staticLeaf(path: string): L | undefined {
    return this.staticLeaves.get(path);
  }

  /** Visits candidate leaves in priority order until the visitor returns a result. */
  find<R>(segments: readonly string[], visitor: LeafVisitor<L, R>): R | undefined {
    return search(this.root, segments, 0, visitor);
  }

  /** Every leaf: the table seals them all once it is built. */
  *leaves(): Generator<L> {
    const stack = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.leaf) yield node.leaf;
      if (node.catchAllLeaf) yield node.catchAllLeaf;
      if (node.paramChild) stack.push(node.paramChild);
      if (node.staticChildren) stack.push(...node.staticChildren.values());
    }
  }
}

/** An object rather than a closure, so that a lookup can reuse one instead of allocating it. */
export interface LeafVisitor<L, R> {
  visit(leaf: L): R | undefined;
}

function search<L, R>(node: TreeNode<L>, segments: readonly string[], at: number, visitor: LeafVisitor<L, R>): R | undefined {
  if (at === segments.length) return node.leaf === undefined ? undefined : visitor.visit(node.leaf);
  const segment = segments[at]!;
  const staticChild = node.staticChildren?.get(segment);
  if (staticChild) {
    const found = search(staticChild, segments, at + 1, visitor);
    if (found !== undefined) return found;
  }
  if (node.paramChild && segment !== "") {
    const found = search(node.paramChild, segments, at + 1, visitor);
    if (found !== undefined) return found;
  }
  if (node.catchAllLeaf && restIsNonEmpty(segments, at)) return visitor.visit(node.catchAllLeaf);
  return undefined;
}
