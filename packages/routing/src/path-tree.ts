import type { Work } from "@bosun/eskip";
import type { PathTreeBuilder, TreeNode } from "./path-tree-builder.js";
import { FlatTextBuilder, slicesEqual } from "./flat-text.js";
import { SliceKeyedTable, type SliceKeyedEntry } from "./slice-keyed-table.js";

/**
 * The path tree as lookups walk it, with the search order of Skipper's pathmux (skipper-semantics
 * §2.2): at each node the static child first, then the `:param` child, then the catch-all,
 * backtracking to the next alternative when a leaf has no route that matches.
 *
 * Nodes, edges and edge keys live in typed arrays and one string, laid out depth-first, instead of
 * an object and a Map per node: at 100k routes a lookup waits on memory, and this layout keeps a
 * walk within a few dense arrays of a few MB instead of objects spread over the whole heap. A
 * request's segments are compared in place, never cut out of the path.
 */

/**
 * A node is an offset into one Int32Array: its count of static children, its `:param` child, its
 * leaf and its catch-all leaf (-1 for none), then, for a node with few static children, its edges,
 * each the start of its key in `keyText`, the key's length and the child. Children follow their
 * parent depth-first, so a walk down one branch reads forward through the array.
 */
const nodeHeader = 4;
const edgeStride = 3;
/** Up to this many static children are compared one by one; more are found through a hash table. */
const linearScanLimit = 8;
/** A frame of the walk: node, segment start, segment end, what to try next (below). */
const frameStride = 4;
const tryStatic = 0;
const tryParam = 1;
const tryCatchAll = 2;

/** An object rather than a closure, so that a lookup can reuse one instead of allocating it. */
export interface LeafVisitor {
  /** A result (≥ 0) ends the search; -1 goes on to the next leaf. */
  visit(leaf: number): number;
}

/** The owner of the all-static paths in the keyed table; nodes own their wide edges by their offset (≥ 0). */
const staticPaths = -1;

export class PathTree {
  private readonly nodes: Int32Array;
  /** Edge keys of the nodes with few children. */
  private readonly keyText: string;
  /** The children of nodes with many, and the leaves of all-static paths. */
  private readonly wideEdgesAndStaticPaths: SliceKeyedTable;
  /** The walk's stack, one frame per level of the tree: lookups run one at a time and reuse it. */
  private readonly frames: Int32Array;

  private constructor(nodes: Int32Array, keyText: string, wideEdgesAndStaticPaths: SliceKeyedTable, depth: number) {
    this.nodes = nodes;
    this.keyText = keyText;
    this.wideEdgesAndStaticPaths = wideEdgesAndStaticPaths;
    this.frames = new Int32Array((depth + 2) * frameStride);
  }

  /** `leafHandle` turns the builder's leaf ids into what lookups pass to the visitor; the work pauses per node. */
  static *building(builder: PathTreeBuilder, leafHandle: (leafId: number) => number): Work<PathTree> {
    const { order, depth } = depthFirst(builder.root);
    yield;
    let size = 0;
    for (const node of order) {
      const children = node.staticChildren?.size ?? 0;
      node.offset = size;
      size += nodeHeader + (children > linearScanLimit ? 0 : children * edgeStride);
    }
    yield;
    const nodes = new Int32Array(size);
    const handle = (leafId: number) => (leafId < 0 ? -1 : leafHandle(leafId));
    const keyed: SliceKeyedEntry[] = [...builder.staticLeaves].map(([path, leafId]) => ({ owner: staticPaths, key: path, value: leafHandle(leafId) }));
    yield;
    const keys = new FlatTextBuilder();
    for (const node of order) {
      const at = node.offset;
      const children = node.staticChildren?.size ?? 0;
      nodes[at] = children;
      nodes[at + 1] = node.paramChild ? node.paramChild.offset : -1;
      nodes[at + 2] = handle(node.leaf);
      nodes[at + 3] = handle(node.catchAllLeaf);
      let edge = at + nodeHeader;
      for (const [key, child] of node.staticChildren ?? []) {
        if (children > linearScanLimit) {
          keyed.push({ owner: at, key, value: child.offset });
          continue;
        }
        nodes[edge] = keys.add(key);
        nodes[edge + 1] = key.length;
        nodes[edge + 2] = child.offset;
        edge += edgeStride;
      }
      yield;
    }
    const keyText = keys.build();
    yield;
    return new PathTree(nodes, keyText, new SliceKeyedTable(keyed), depth);
  }

  /**
   * The leaf of the all-static key equal to the path, or -1. It is the first leaf `find` visits
   * for that path, because static segments outrank wildcards at every position.
   */
  staticLeaf(path: string): number {
    return this.wideEdgesAndStaticPaths.get(staticPaths, path, 0, path.length);
  }

  /**
   * Visits the leaves that fit a path, in priority order, until the visitor returns a result.
   *
   * A depth-first walk by offsets, with its own stack so that a route of many thousand segments
   * cannot overflow the call stack. A frame is a node, where the current segment starts in the
   * path (-1 once every segment is used, so `/` has one empty segment and `/a/` two), the
   * segment's end, and what the node tries next: its static child, its `:param` child, then its
   * catch-all, which takes the rest of the path if that is not empty.
   */
  find(path: string, visitor: LeafVisitor): number {
    const nodes = this.nodes;
    const frames = this.frames;
    frames[0] = 0;
    frames[1] = 1;
    frames[3] = tryStatic;
    let top = frameStride;
    while (top > 0) {
      const frame = top - frameStride;
      const node = frames[frame]!;
      const at = frames[frame + 1]!;
      if (at < 0) {
        top = frame;
        const leaf = nodes[node + 2]!;
        const found = leaf < 0 ? -1 : visitor.visit(leaf);
        if (found >= 0) return found;
        continue;
      }
      const next = frames[frame + 3]!;
      if (next === tryStatic) {
        const slash = path.indexOf("/", at);
        const end = slash === -1 ? path.length : slash;
        frames[frame + 2] = end;
        frames[frame + 3] = tryParam;
        const child = this.staticChild(node, path, at, end);
        if (child >= 0) top = pushFrame(frames, top, child, end === path.length ? -1 : end + 1);
      } else if (next === tryParam) {
        const end = frames[frame + 2]!;
        frames[frame + 3] = tryCatchAll;
        const child = nodes[node + 1]!;
        if (child >= 0 && end > at) top = pushFrame(frames, top, child, end === path.length ? -1 : end + 1);
      } else {
        top = frame;
        const catchAllLeaf = nodes[node + 3]!;
        const found = catchAllLeaf >= 0 && at < path.length ? visitor.visit(catchAllLeaf) : -1;
        if (found >= 0) return found;
      }
    }
    return -1;
  }

  /** The node's static child for the segment `path[at, end)`, or -1. */
  private staticChild(node: number, path: string, at: number, end: number): number {
    const count = this.nodes[node]!;
    if (count === 0) return -1;
    if (count > linearScanLimit) return this.wideEdgesAndStaticPaths.get(node, path, at, end);
    const first = node + nodeHeader;
    for (let edge = first; edge < first + count * edgeStride; edge += edgeStride) {
      if (this.edgeMatches(edge, path, at, end)) return this.nodes[edge + 2]!;
    }
    return -1;
  }

  private edgeMatches(edge: number, path: string, at: number, end: number): boolean {
    return this.nodes[edge + 1] === end - at && slicesEqual(this.keyText, this.nodes[edge]!, path, at, end - at);
  }
}

/** Nodes in depth-first order, so that a node's subtree follows it, and the depth of the deepest. */
function depthFirst(root: TreeNode): { order: TreeNode[]; depth: number } {
  const order: TreeNode[] = [];
  const stack: [TreeNode, number][] = [[root, 0]];
  let deepest = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    order.push(node);
    deepest = Math.max(deepest, depth);
    if (node.paramChild) stack.push([node.paramChild, depth + 1]);
    for (const child of node.staticChildren?.values() ?? []) stack.push([child, depth + 1]);
  }
  return { order, depth: deepest };
}

function pushFrame(frames: Int32Array, top: number, node: number, at: number): number {
  frames[top] = node;
  frames[top + 1] = at;
  frames[top + 3] = tryStatic;
  return top + frameStride;
}
