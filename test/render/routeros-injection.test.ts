// Hostile values: identifiers are refused before any script exists; free text (a filter rule)
// stays one string literal, which the router model decodes back to exactly the input.
import { Address, Prefix } from "../../addressing/ip";
import { RouterOsDesiredState, quote, renderRouterOsScript } from "../../render/routeros";
import { RouterModel } from "../../twin/routeros/model";

const A = Address.from;

function state(): RouterOsDesiredState {
  return {
    router: "edge",
    stack: "lab",
    version: "7.19",
    addresses: [
      { interface: "vlan11", address: A("10.25.11.1"), network: Prefix.from("10.25.11.0/24") },
    ],
    routes: [],
    bgp: {
      asn: 64501,
      instance: "lab",
      connections: [
        {
          name: "infra-1",
          remoteAddress: A("10.25.11.11"),
          remoteAs: 64512,
          localRole: "ebgp",
          multihop: false,
          inputFilter: "infra-in",
          addressFamilies: ["ip"],
        },
      ],
    },
    filterRules: [{ chain: "infra-in", rule: "reject" }],
    dns: [{ name: "traefik.lab.local", address: A("10.8.31.10") }],
  };
}

describe("quote writes one RouterOS string literal", () => {
  test.each([
    ["plain text", '"plain text"'],
    ['a"b', String.raw`"a\"b"`],
    ["a\\b", String.raw`"a\\b"`],
    ["$x", String.raw`"\$x"`],
    ["$[/system/identity/get name]", String.raw`"\$\5B/system/identity/get name\5D"`],
    ["[find]", String.raw`"\5Bfind\5D"`],
    ["help?", String.raw`"help\?"`],
    ["a;b {c} #d", '"a;b {c} #d"'],
    ["l1\nl2\r\tx", String.raw`"l1\nl2\r\tx"`],
  ])("%j -> %s", (text, literal) => {
    expect(quote(text)).toBe(literal);
  });

  test.each([
    ["\u0000", '"\\u0000" cannot be a RouterOS string: contains U+0000'],
    ["\u001b[2J", '"\\u001b[2J" cannot be a RouterOS string: contains U+001B'],
    ["\u007f", '"\u007f" cannot be a RouterOS string: contains U+007F'],
    ["caf\u00e9", '"caf\u00e9" cannot be a RouterOS string: contains U+00E9'],
    ["\u{1f600}", '"\u{1f600}" cannot be a RouterOS string: contains U+1F600'],
  ])("%j is refused rather than guessed", (text, message) => {
    expect(() => quote(text)).toThrow(message);
  });
});

const NAME_RULE =
  "is not a valid name; use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit";
const STACK_RULE =
  "is not usable as a managed-by marker; use 1-63 letters, digits, '_' or '-', starting with a letter or digit";
const DNS_RULE =
  "is not a valid DNS name; use lowercase labels of letters, digits and '-', separated by '.'";

describe("hostile identifiers are refused, naming the field and the value", () => {
  type Patch = (s: RouterOsDesiredState) => RouterOsDesiredState;
  const connection =
    (patch: object): Patch =>
    (s) => ({ ...s, bgp: { ...s.bgp!, connections: [{ ...s.bgp!.connections[0], ...patch }] } });

  test.each<[string, Patch, string]>([
    [
      "a stack closing the comment and starting a command",
      (s) => ({ ...s, stack: 'lab";/system/reset-configuration;"' }),
      String.raw`stack: "lab\";/system/reset-configuration;\"": ${STACK_RULE}`,
    ],
    [
      "a stack with ';' that would forge another key",
      (s) => ({ ...s, stack: "lab;key=x" }),
      `stack: "lab;key=x": ${STACK_RULE}`,
    ],
    [
      "a stack with a regex metacharacter",
      (s) => ({ ...s, stack: "lab.prod" }),
      `stack: "lab.prod": ${STACK_RULE}`,
    ],
    [
      "a stack with a newline",
      (s) => ({ ...s, stack: "lab\n/system/reset-configuration" }),
      String.raw`stack: "lab\n/system/reset-configuration": ${STACK_RULE}`,
    ],
    [
      "a router name with a substitution",
      (s) => ({ ...s, router: "edge$[/system/reset-configuration]" }),
      `router: "edge$[/system/reset-configuration]": ${NAME_RULE}`,
    ],
    [
      "an interface name that adds a parameter",
      (s) => ({ ...s, addresses: [{ ...s.addresses[0], interface: "vlan11 comment=x" }] }),
      `addresses[0].interface: "vlan11 comment=x": ${NAME_RULE}`,
    ],
    [
      "a connection name with quotes and ';'",
      connection({ name: 'a"; /system/reset-configuration; :put "' }),
      String.raw`bgp.connections[0].name: "a\"; /system/reset-configuration; :put \"": ${NAME_RULE}`,
    ],
    [
      "an input filter with brackets",
      connection({ inputFilter: "infra-in[/system/reset-configuration]" }),
      `bgp.connections[0].inputFilter: "infra-in[/system/reset-configuration]": ${NAME_RULE}`,
    ],
    [
      "an instance name with a backslash",
      (s) => ({ ...s, bgp: { ...s.bgp!, instance: "lab\\" } }),
      String.raw`bgp.instance: "lab\\": ${NAME_RULE}`,
    ],
    [
      "a chain with ';'",
      (s) => ({ ...s, filterRules: [{ chain: "infra-in;/x", rule: "reject" }] }),
      `filterRules[0].chain: "infra-in;/x": ${NAME_RULE}`,
    ],
    [
      "a DNS name with a quote and a command",
      (s) => ({ ...s, dns: [{ ...s.dns[0], name: 'evil.lab" ; /ip/dns/static/remove [find]' }] }),
      String.raw`dns[0].name: "evil.lab\" ; /ip/dns/static/remove [find]": ${DNS_RULE}`,
    ],
    [
      "a DNS name with a variable",
      (s) => ({ ...s, dns: [{ ...s.dns[0], name: "x$y.lab" }] }),
      `dns[0].name: "x$y.lab": ${DNS_RULE}`,
    ],
    [
      "a DNS name in capitals (compared as text after the write)",
      (s) => ({ ...s, dns: [{ ...s.dns[0], name: "Traefik.lab.local" }] }),
      `dns[0].name: "Traefik.lab.local": ${DNS_RULE}`,
    ],
  ])("%s", (_what, patch, line) => {
    expect(() => renderRouterOsScript(patch(state()))).toThrow(
      `the RouterOS desired state has 1 problem:\n  - ${line}`,
    );
  });
});

describe("a hostile filter rule stays one string literal", () => {
  const rule =
    'if (dst in 10.0.0.0/8) { accept }"; /system/reset-configuration; :put "$[/system/identity/get name] \\ ?\n[x]\t{ reject }';
  const literal = String.raw`"if (dst in 10.0.0.0/8) { accept }\"; /system/reset-configuration; :put \"\$\5B/system/identity/get name\5D \\ \?\n\5Bx\5D\t{ reject }"`;
  const hostile = (): RouterOsDesiredState => ({
    ...state(),
    filterRules: [{ chain: "infra-in", rule }],
  });

  test("the compare, set and add lines carry the escaped literal and nothing else", () => {
    const get = (prop: string) => `[:tostr [/routing/filter/rule/get $i ${prop}]]`;
    const lines = renderRouterOsScript(hostile())
      .split("\n")
      .filter(
        (l) =>
          l.includes("/routing/filter/rule/set") ||
          l.includes("/routing/filter/rule/add") ||
          l.trim().startsWith(`:if ((!$found) and ((${get("chain")}`),
      )
      .map((l) => l.trim());
    const release =
      ':if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }';
    expect(lines).toEqual([
      release,
      `:if ((!$found) and ((${get("chain")} = "infra-in") and (${get("rule")} = ${literal})) and (${get("disabled")} != "true")) do={`,
      ':if ($own = "") do={ /routing/filter/rule/set $i comment=($c . ";adopted") } else={ /routing/filter/rule/set $i comment=($c . ";adopted;was=" . $own) }',
      release,
      ':if ([:tostr [/routing/filter/rule/get $i chain]] != "infra-in") do={ /routing/filter/rule/set $i chain=infra-in; :put ("set chain " . $c) }',
      `:if ([:tostr [/routing/filter/rule/get $i rule]] != ${literal}) do={ /routing/filter/rule/set $i rule=${literal}; :put ("set rule " . $c) }`,
      `:if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=infra-in rule=${literal} comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=infra-in rule=${literal} comment=$c] }`,
    ]);
  });

  test("the router stores exactly the rule text, runs no other command, and is then settled", () => {
    const router = new RouterModel("7.19");
    const script = renderRouterOsScript(hostile());
    expect(router.run(script).mutations).toEqual([
      { op: "add", menu: "/ip/address", comment: "managed-by=lab;key=ip-address:10.25.11.1" },
      {
        op: "add",
        menu: "/routing/filter/rule",
        comment: "managed-by=lab;key=filter-rule:infra-in:1",
      },
      {
        op: "add",
        menu: "/routing/bgp/connection",
        comment: "managed-by=lab;key=bgp-connection:infra-1",
      },
      {
        op: "add",
        menu: "/ip/dns/static",
        comment: "managed-by=lab;key=dns:traefik.lab.local/10.8.31.10",
      },
    ]);
    expect(router.rows("/routing/filter/rule")).toEqual([
      { chain: "infra-in", rule, comment: "managed-by=lab;key=filter-rule:infra-in:1" },
    ]);
    expect(router.run(script)).toEqual({ mutations: [], output: [] });
  });
});
