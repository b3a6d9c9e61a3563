import type { PatternSegment } from "./path-pattern.js";

/**
 * A tree over path segments with the search order of Skipper's pathmux (skipper-semantics §2.2):
 * at each node the static child first, then the `:param` child, then the catch-all, backtracking
 * to the next alternative when a leaf has no route that matches.
 */
class TreeNode<L> {
  /** Most nodes have one static child: it is compared directly, and a map holds two or more. */
  onlyStaticKey: string | undefined;
  onlyStaticChild: TreeNode<L> | undefined;
  staticChildren: Map<string, TreeNode<L>> | undefined;
  paramChild: TreeNode<L> | undefined;
  catchAllLeaf: L | undefined;
  leaf: L | undefined;

  staticChild(segment: string): TreeNode<L> | undefined {
    if (this.onlyStaticKey !== undefined) return segment === this.onlyStaticKey ? this.onlyStaticChild : undefined;
    return this.staticChildren?.get(segment);
  }

  /** The static child for the segment `path[at, end)`, cutting it out only when a map must be asked. */
  staticChildAt(path: string, at: number, end: number): TreeNode<L> | undefined {
    const only = this.onlyStaticKey;
    if (only !== undefined) {
      return only.length === end - at && path.startsWith(only, at) ? this.onlyStaticChild : undefined;
    }
    return this.staticChildren?.get(path.slice(at, end));
  }

  addStaticChild(segment: string): TreeNode<L> {
    const child = new TreeNode<L>();
    if (this.onlyStaticKey === undefined && this.staticChildren === undefined) {
      this.onlyStaticKey = segment;
      this.onlyStaticChild = child;
      return child;
    }
    if (this.onlyStaticKey !== undefined) {
      this.staticChildren = new Map([[this.onlyStaticKey, this.onlyStaticChild!]]);
      this.onlyStaticKey = undefined;
      this.onlyStaticChild = undefined;
    }
    this.staticChildren!.set(segment, child);
    return child;
  }

  *staticChildNodes(): Generator<TreeNode<L>> {
    if (this.onlyStaticChild) yield this.onlyStaticChild;
    if (this.staticChildren) yield* this.staticChildren.values();
  }
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
        node = node.staticChild(segment.text) ?? node.addStaticChild(segment.text);
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

  /** Visits the leaves that fit a path, in priority order, until the visitor returns a result. */
  find<R>(path: string, visitor: LeafVisitor<L, R>): R | undefined {
    return search(this.root, path, 1, visitor);
  }

  /** Every leaf: the table seals them all once it is built. */
  *leaves(): Generator<L> {
    const stack = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.leaf) yield node.leaf;
      if (node.catchAllLeaf) yield node.catchAllLeaf;
      if (node.paramChild) stack.push(node.paramChild);
      stack.push(...node.staticChildNodes());
    }
  }
}

/** An object rather than a closure, so that a lookup can reuse one instead of allocating it. */
export interface LeafVisitor<L, R> {
  visit(leaf: L): R | undefined;
}

/**
 * Walks the path by offsets, cutting one segment at a time: `at` is where the current segment
 * starts, -1 once every segment is used (so `/` has one empty segment, and `/a/` two).
 */
function search<L, R>(node: TreeNode<L>, path: string, at: number, visitor: LeafVisitor<L, R>): R | undefined {
  if (at < 0) return node.leaf === undefined ? undefined : visitor.visit(node.leaf);
  const slash = path.indexOf("/", at);
  const end = slash === -1 ? path.length : slash;
  const next = slash === -1 ? -1 : slash + 1;
  const staticChild = node.staticChildAt(path, at, end);
  if (staticChild) {
    const found = search(staticChild, path, next, visitor);
    if (found !== undefined) return found;
  }
  if (node.paramChild && end > at) {
    const found = search(node.paramChild, path, next, visitor);
    if (found !== undefined) return found;
  }
  // A catch-all takes the rest of the path, which must not be empty.
  if (node.catchAllLeaf && at < path.length) return visitor.visit(node.catchAllLeaf);
  return undefined;
}
