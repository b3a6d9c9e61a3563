import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFiles } from "./run-cli.js";

const routes = `
shop: Host(/^shop[.]example[.]org$/) && Path("/items/:id") -> <shunt>;
admin: Host(/^shop[.]example[.]org$/) && Path("/items/:id") && Header("X-Admin", "1") -> <shunt>;
beta: Path("/items/:id") && Cookie("beta", /^yes$/) -> <shunt>;
`;

describe("bosun explain", () => {
  const file = join(tempFiles({ "routes.eskip": routes }), "routes.eskip");

  it("prints the winner and why the others lost", async () => {
    const result = await runCli("explain", file, "GET http://shop.example.org/items/7");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("  → route shop (");
    expect(result.stdout).toContain("params: id=7");
    expect(result.stdout).toMatch(/✗ admin\s+weight 2\s+rejected by Header\("X-Admin", "1"\)/);
    expect(result.stdout).toMatch(/✗ beta\s+weight 1\s+rejected by Cookie\("beta", "\^yes\$"\)/);
  });

  it("takes headers and cookies", async () => {
    const headers = await runCli("explain", file, "GET http://shop.example.org/items/7", "-H", "X-Admin: 1", "--json");
    expect(JSON.parse(headers.stdout).route).toBe("admin");
    const cookie = await runCli("explain", file, "GET http://elsewhere/items/7", "--cookie", "beta=yes", "--json");
    expect(JSON.parse(cookie.stdout).route).toBe("beta");
  });

  it("prints route null and exits 1 when no route matches", async () => {
    const result = await runCli("explain", file, "GET http://elsewhere/nothing", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ route: null, request: { path: "/nothing" } });
  });

  it("shows where a routes file that is not eskip breaks, and exits 1", async () => {
    const broken = join(tempFiles({ "broken.eskip": 'r: Path("/a") <shunt>;' }), "broken.eskip");
    const result = await runCli("explain", broken, "GET /a");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${broken}:1:15: unexpected "<shunt>"; expected "&&" or "->"\n 1 | r: Path("/a") <shunt>;\n   |               ^\n`);
  });

  it("takes the Gateway listener a request came on: only that listener's routes serve it", async () => {
    const gateway = join(
      tempFiles({ "gw.eskip": 'eskip: PathSubtree("/") -> <shunt>;\ngw: Listener("infra/gw", "http") && Weight(1000) -> <shunt>;' }),
      "gw.eskip",
    );
    const onListener = await runCli("explain", gateway, "GET http://h/x", "--listener", "infra/gw/http");
    expect(onListener.code).toBe(0);
    expect(onListener.stdout).toContain("GET h/x on listener infra/gw/http\n  → route gw (");
    expect(onListener.stdout).toMatch(/✗ eskip\s+weight 0\s+rejected by the listener infra\/gw\/http: the route has no Listener predicate/);
    const plain = JSON.parse((await runCli("explain", gateway, "GET http://h/x", "--json")).stdout);
    expect(plain.route).toBe("eskip");
  });

  it("is a usage error without a request or with a malformed header", async () => {
    expect((await runCli("explain", file)).code).toBe(2);
    expect((await runCli("explain", file, "GET /", "-H", "no-colon")).code).toBe(2);
    expect((await runCli("explain", file, "/just-a-path")).code).toBe(2);
  });

  it("answers from the table serve would build: a route serve leaves out is listed, never chosen, and the exit is 1", async () => {
    const withProblem = join(
      tempFiles({ "r.eskip": 'best: Path("/x") && Weight(50) -> statuss(200) -> <shunt>;\nplain: Path("/x") -> <shunt>;' }),
      "r.eskip",
    );
    const result = await runCli("explain", withProblem, "GET http://h/x");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("  → route plain (");
    expect(result.stdout).toContain('best: unknown_filter: filter "statuss" not found; did you mean status?');
    expect(JSON.parse((await runCli("explain", withProblem, "GET http://h/x", "--json")).stdout).unusable).toHaveLength(1);
  });
});
