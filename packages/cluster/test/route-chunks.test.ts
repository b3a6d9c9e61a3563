import { parse, type Route } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { RoutesDecoder, RoutesEncoder } from "../src/worker/route-chunks.js";

const eskip = (ids: readonly string[]) => ids.map((id) => `${id}: Path("/${id}") -> <shunt>;`).join("\n");
/** Each route from a file of its own, as each object of a cluster is: moving it moves no line. */
const ownFiles = (text: string) => text.split("\n").flatMap((line) => parse(line, { source: `${line.split(":")[0]}.eskip` }));

/** Encodes on one side and decodes on the other, as a worker and the serving thread do. */
function pair() {
  const encoder = new RoutesEncoder();
  const decoder = new RoutesDecoder();
  return {
    send: (routes: readonly Route[]) => {
      const { encoded } = encoder.encode(routes);
      return { encoded, decoded: decoder.decode(encoded) };
    },
  };
}

describe("routes sent as changes to the list before", () => {
  it("sends only the routes that are new or changed, and gives back the very objects of the unchanged ones", async () => {
    const { send } = pair();
    const first = send(ownFiles(eskip(["a", "b", "c", "d"])));
    expect(first.encoded.kept).toEqual(Int32Array.from([-1, -1, -1, -1]));
    const before = await first.decoded;
    expect(before.map((route) => route.id)).toEqual(["a", "b", "c", "d"]);

    // b changed, c gone, e new, d moved ahead of a.
    const next = ownFiles(`${eskip(["d", "a"])}\nb: Path("/b") -> status(204) -> <shunt>;\n${eskip(["e"])}`);
    const second = send(next);
    expect(second.encoded.kept).toEqual(Int32Array.from([3, 0, -1, -1]));
    const after = await second.decoded;
    expect(after).toEqual(next);
    expect(after[0]).toBe(before[3]);
    expect(after[1]).toBe(before[0]);
    expect(after[2]).not.toBe(before[1]);
  });

  it("tells equal routes apart by where they come from (a route on another line is another route), and sends a long list of new routes in chunks", async () => {
    const { send } = pair();
    await send(parse(eskip(["a"]), { source: "one.eskip" })).decoded;
    const moved = send(parse(eskip(["a"]), { source: "two.eskip" }));
    expect(moved.encoded.kept).toEqual(Int32Array.from([-1]));
    expect((await moved.decoded)[0]!.origin).toMatchObject({ file: "two.eskip" });
    const many = parse(eskip(Array.from({ length: 600 }, (_, i) => `r${i}`)));
    const sent = send(many);
    expect(sent.encoded.chunks).toHaveLength(3);
    expect(await sent.decoded).toEqual(many);
  });

  it("decodes lists in the order they were sent, however they are awaited", async () => {
    const { send } = pair();
    const lists = [["a"], ["a", "b"], ["b", "c"], []].map((ids) => parse(eskip(ids)));
    const pending = lists.map((routes) => send(routes).decoded);
    expect(await Promise.all([...pending].reverse())).toEqual([...lists].reverse());
  });

  it("refuses a list that refers to routes its decoder never had", async () => {
    const encoder = new RoutesEncoder();
    encoder.encode(parse(eskip(["a"])));
    const { encoded } = encoder.encode(parse(eskip(["a"])));
    await expect(new RoutesDecoder().decode(encoded)).rejects.toThrow(/out of step/);
  });
});
