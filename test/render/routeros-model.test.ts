// The router model is only evidence if it refuses what RouterOS would refuse and what the
// renderer must never emit; these tests pin that strictness down.
import { parseScript, tokenize } from "../../twin/routeros/parse";
import { RouterModel, RouterOsScriptError } from "../../twin/routeros/model";

describe("string literals", () => {
  test.each([
    ['"a\\"b"', 'a"b'],
    ['"a\\\\b"', "a\\b"],
    ['"\\$x"', "$x"],
    ['"\\?"', "?"],
    ['"a\\nb\\r\\t"', "a\nb\r\t"],
    ['"\\5B\\5D"', "[]"],
    ['"a;b [c] {d} #e"', "a;b [c] {d} #e"],
  ])("%s decodes to %j", (src, value) => {
    expect(tokenize(`:put ${src}`)[1]).toEqual({ t: "str", v: value, spaced: true });
  });

  test.each([
    ['"$x"', 'unescaped $ inside a string literal would substitute: $x"'],
    ['"a\\qb"', "unknown escape \\q in a string literal"],
    ['"\\5b"', "unknown escape \\5 in a string literal"],
    ['"a\nb"', "raw line break inside a string literal"],
    ['"abc', "unterminated string literal"],
  ])("%j is refused", (src, message) => {
    expect(() => tokenize(`:put ${src}`)).toThrow(message);
  });
});

describe("grammar", () => {
  test.each([
    [':put "a" :put "b"', 'expected end of statement, got word ":put"'],
    ["/system/reset-configuration", "unknown command /system/reset-configuration"],
    [':global x "a"', "unknown command :global"],
    ["/ip/route/add dst-address = 10.0.0.0/8", 'no space allowed before "="'],
    [":if ($a) do = { }", 'no space allowed before "="'],
    [':execute "x"', "unknown command :execute"],
    ['\t:put "a"', 'unexpected "\\t" outside a string literal'],
  ])("%j is a syntax error", (src, message) => {
    expect(() => parseScript(src)).toThrow(message);
  });
});

describe("the model of the menus", () => {
  const route = { "dst-address": "10.0.0.0/8", gateway: "10.1.1.1", comment: "x" };

  test("writes entries as given and reads them back typed", () => {
    const m = new RouterModel("7.19");
    const r = m.run(
      [
        '/ip/route/add dst-address=10.0.0.0/8 gateway=10.1.1.1 comment="x"',
        ':foreach i in=[/ip/route/find where comment="x"] do={ :put [:tostr [/ip/route/get $i gateway]] }',
      ].join("\n"),
    );
    expect(r).toEqual({
      mutations: [{ op: "add", menu: "/ip/route", comment: "x" }],
      output: ["10.1.1.1"],
    });
    expect(m.rows("/ip/route")).toEqual([route]);
  });

  test.each([
    ["7.18", "afi=ipv6", "/routing/bgp/connection: unknown parameter afi"],
    [
      "7.19",
      "address-families=ipv6",
      "/routing/bgp/connection: unknown parameter address-families",
    ],
    ["7.20", "router-id=10.0.0.1", "/routing/bgp/connection: unknown parameter router-id"],
    ["7.20", "as=65000", "/routing/bgp/connection: add without required instance"],
  ])("RouterOS %s refuses %s on a connection", (version, prop, message) => {
    const m = new RouterModel(version);
    const add = `/routing/bgp/connection/add remote.address=fd00::1 local.role=ebgp ${prop}`;
    expect(() => m.run(add)).toThrow(message);
  });

  test("RouterOS 7.19 has no BGP instance menu", () => {
    const m = new RouterModel("7.19");
    expect(() => m.run("/routing/bgp/instance/add name=x as=1")).toThrow(
      "bad command name: no menu /routing/bgp/instance",
    );
  });

  test("a connection cannot name a missing instance, an instance in use cannot go", () => {
    const m = new RouterModel("7.20");
    const add = "/routing/bgp/connection/add remote.address=fd00::1 local.role=ebgp instance=a";
    expect(() => m.run(add)).toThrow("/routing/bgp/connection: no such BGP instance a");
    m.run(`/routing/bgp/instance/add name=a as=1\n${add}`);
    const remove =
      ':foreach i in=[/routing/bgp/instance/find where name="a"] do={ /routing/bgp/instance/remove $i }';
    expect(() => m.run(remove)).toThrow("/routing/bgp/instance: a is in use by a connection");
  });

  test.each([
    [
      "/ip/route/add dst-address=10.0.0.1/8 gateway=10.1.1.1",
      'invalid value for dst-address: "10.0.0.1/8"',
    ],
    [
      "/ip/route/add dst-address=fd00::/8 gateway=10.1.1.1",
      'invalid value for dst-address: "fd00::/8"',
    ],
    [
      "/ipv6/address/add address=fd00::1/64 interface=x advertise=maybe",
      'invalid value for advertise: "maybe"',
    ],
    ["/ip/route/add gateway=10.1.1.1", "/ip/route: add without required dst-address"],
    ["/ip/route/add dst-address=10.0.0.0/8 distance=1", "/ip/route: unknown parameter distance"],
  ])("%s is refused", (src, message) => {
    expect(() => new RouterModel("7.19").run(src)).toThrow(message);
  });

  test("connection names are unique", () => {
    const m = new RouterModel("7.19");
    const add = "/routing/bgp/connection/add name=a remote.address=fd00::1 local.role=ebgp as=1";
    m.run(add);
    expect(() => m.run(add)).toThrow(
      "/routing/bgp/connection: failure: an entry with name=a already exists",
    );
  });

  test("comparing a typed value without :tostr is refused, as it would silently be false", () => {
    const m = new RouterModel("7.19", {
      "/ipv6/address": [{ address: "fd00::1/64", interface: "v", advertise: "no", comment: "x" }],
    });
    const src =
      ':foreach i in=[/ipv6/address/find where comment="x"] do={ :if ([/ipv6/address/get $i advertise] != "false") do={ :put "differs" } }';
    expect(() => m.run(src)).toThrow("!= compares boolean with string");
  });

  test("place-before inserts before the given entry; add returns the new id", () => {
    const m = new RouterModel("7.19", {
      "/routing/filter/rule": [{ chain: "c", rule: "reject", comment: "last" }],
    });
    m.run(
      [
        "{",
        '  :foreach i in=[/routing/filter/rule/find where comment="last"] do={',
        '    :local n [/routing/filter/rule/add chain=c rule="accept" comment="first" place-before=$i]',
        "    :put [/routing/filter/rule/get $n comment]",
        "  }",
        "}",
      ].join("\n"),
    );
    expect(m.rows("/routing/filter/rule").map((r) => r.comment)).toEqual(["first", "last"]);
  });

  test("a variable must be declared before use", () => {
    expect(() => new RouterModel("7.19").run(":put $nope")).toThrow("undeclared variable $nope");
    expect(() => new RouterModel("7.19").run(":set nope true")).toThrow(
      ":set of undeclared variable nope",
    );
  });
});

describe("what the check and adopt passes use", () => {
  const rows: Record<string, Record<string, string>[]> = {
    "/ip/route": [
      { "dst-address": "10.0.0.0/8", gateway: "10.1.1.1", comment: "managed-by=lab;key=a" },
      { "dst-address": "10.0.0.0/8", gateway: "10.1.1.2", comment: "owner" },
      { "dst-address": "10.9.0.0/16", gateway: "10.1.1.2" },
    ],
  };

  test("find where joins conditions with and; !(prop~regex) negates; unset reads its default", () => {
    const m = new RouterModel("7.19", rows);
    const r = m.run(
      ':foreach i in=[/ip/route/find where dst-address="10.0.0.0/8" and routing-table="main" and !(comment~"^managed-by=")] do={ :put [/ip/route/get $i gateway] }',
    );
    expect(r.output).toEqual(["10.1.1.2"]);
  });

  test.each([
    ['/ip/route/find where !(gateway="10.1.1.2")', "only !(prop~regex) is negated in find where"],
    ['/ip/route/find where mtu="1500"', "/ip/route: find where on unknown property mtu"],
  ])("%s is refused", (src, message) => {
    expect(() => new RouterModel("7.19", rows).run(`:put [:tostr [${src}]]`)).toThrow(message);
  });

  test(":error stops the script there with its message; nothing after it runs", () => {
    const m = new RouterModel("7.19", rows);
    const src =
      ':error ("conflict: " . "two")\n/ip/route/add dst-address=10.8.0.0/16 gateway=10.1.1.1';
    expect(() => m.run(src)).toThrow(new RouterOsScriptError("conflict: two"));
    expect(m.rows("/ip/route")).toEqual(rows["/ip/route"]);
  });
});
