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
    node.leaf ??= create();
    return node.leaf;
  }

  /** Visits candidate leaves in priority order until `visit` returns a result. */
  find<R>(segments: readonly string[], visit: (leaf: L) => R | undefined): R | undefined {
    return search(this.root, segments, 0, visit);
  }

  /** Every leaf, for statistics and tests. */
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

function search<L, R>(node: TreeNode<L>, segments: readonly string[], at: number, visit: (leaf: L) => R | undefined): R | undefined {
  if (at === segments.length) return node.leaf === undefined ? undefined : visit(node.leaf);
  const segment = segments[at]!;
  const staticChild = node.staticChildren?.get(segment);
  if (staticChild) {
    const found = search(staticChild, segments, at + 1, visit);
    if (found !== undefined) return found;
  }
  if (node.paramChild && segment !== "") {
    const found = search(node.paramChild, segments, at + 1, visit);
    if (found !== undefined) return found;
  }
  if (node.catchAllLeaf && restIsNonEmpty(segments, at)) return visit(node.catchAllLeaf);
  return undefined;
}
