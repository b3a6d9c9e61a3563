import type { PatternSegment } from "./path-pattern.js";

/** A node of the path tree while the table is built; lookups walk its compact form (path-tree.ts). */
export class TreeNode {
  staticChildren: Map<string, TreeNode> | undefined;
  paramChild: TreeNode | undefined;
  /** Leaf ids, -1 for none. */
  catchAllLeaf = -1;
  leaf = -1;
  /** Where the compact tree puts the node; set when it is laid out. */
  offset = -1;
}

/** Places tree keys; each distinct key gets one leaf id, made by `newLeaf` the first time. */
export class PathTreeBuilder {
  readonly root = new TreeNode();
  /** Leaves of keys without wildcards, by their path. */
  readonly staticLeaves = new Map<string, number>();

  constructor(private readonly newLeaf: () => number) {}

  leafAt(key: readonly PatternSegment[]): number {
    let node = this.root;
    let allStatic = true;
    for (const segment of key) {
      if (segment.kind === "catchAll") {
        if (node.catchAllLeaf < 0) node.catchAllLeaf = this.newLeaf();
        return node.catchAllLeaf;
      }
      if (segment.kind === "param") {
        allStatic = false;
        node = node.paramChild ??= new TreeNode();
        continue;
      }
      node.staticChildren ??= new Map();
      let child = node.staticChildren.get(segment.text);
      if (!child) node.staticChildren.set(segment.text, (child = new TreeNode()));
      node = child;
    }
    if (node.leaf < 0) {
      node.leaf = this.newLeaf();
      if (allStatic) this.staticLeaves.set(staticPathOf(key), node.leaf);
    }
    return node.leaf;
  }
}

function staticPathOf(key: readonly PatternSegment[]): string {
  let path = "";
  for (const segment of key) path += `/${(segment as { text: string }).text}`;
  return path;
}
