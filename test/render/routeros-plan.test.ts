// Seed 001 through the adapter: the desired state is checked against the seed's own RouterOS
// section (written out here by hand), then the whole 7.19 script is pinned line for line.
import { Address, Prefix } from "../../addressing/ip";
import { Plan, TenantPlan } from "../../addressing/plan-types";
import { RouterOsDesiredState, renderRouterOsScript } from "../../render/routeros";
import { RouterSpec, routerOsDesiredState } from "../../render/routeros/state";
import { requirePlan } from "../../site";
import { seed001 } from "../fixtures/seed001";

const A = Address.from;
const P = Prefix.from;
const plan = requirePlan(seed001);

const spec: RouterSpec = {
  name: "rb5009",
  stack: "sol",
  version: "7.19",
  vlans: [{ interface: "vlan101", tenant: 101 }],
  clusterRejects: [P("fc00::/8")],
};

const nodes = ["solcp011", "solcp012", "solcp013", "solwk021", "solwk022", "solwk023"];
const id = (node: string): string => node.slice(-2);

test("seed 001's router: gateway on VLAN 101, loopback routes, eBGP multihop, filter k8s-in", () => {
  const expected: RouterOsDesiredState = {
    router: "rb5009",
    stack: "sol",
    version: "7.19",
    addresses: [
      {
        interface: "vlan101",
        address: A("fd00:101::fffe"),
        network: P("fd00:101::/64"),
        advertise: false,
      },
    ],
    // "add dst-address=fd00:255:101::11/128 gateway=fd00:101::11" ... per node.
    routes: nodes.map((n) => ({
      dst: P(`fd00:255:101::${id(n)}/128`),
      gateway: A(`fd00:101::${id(n)}`),
    })),
    bgp: {
      asn: 65000,
      instance: "sol",
      // "add name=solcp011 remote.address=fd00:255:101::11 remote.as=65101 local.role=ebgp
      // multihop=yes", then "input.filter=k8s-in"; the session is sourced from the gateway the
      // nodes peer with, and carries IPv6 (RouterOS would default to IPv4 only).
      connections: nodes.map((n) => ({
        name: n,
        remoteAddress: A(`fd00:255:101::${id(n)}`),
        remoteAs: 65101,
        localRole: "ebgp" as const,
        multihop: true,
        localAddress: A("fd00:101::fffe"),
        inputFilter: "k8s-in",
        addressFamilies: ["ipv6" as const],
      })),
    },
    filterRules: [
      { chain: "k8s-in", rule: "if (dst in fc00::/8) { reject }" },
      { chain: "k8s-in", rule: "if (dst in fd00:101:cafe::/112) { accept }" },
      { chain: "k8s-in", rule: "if (dst in fd00:255:101::ac/128) { accept }" },
      { chain: "k8s-in", rule: "reject" },
    ],
    dns: [],
  };
  expect(routerOsDesiredState(plan, spec)).toEqual(expected);
});

test("seed 001's RouterOS 7.19 reconcile script, line for line", () => {
  expect(renderRouterOsScript(routerOsDesiredState(plan, spec)))
    .toBe(`# RouterOS 7.19 reconcile script for router rb5009, stack sol. Generated; do not edit.
# Owns exactly the entries whose comment starts with "managed-by=sol;key=": phase 1 removes the ones
# no longer desired, phase 2 adds missing ones and sets properties that differ. A second run
# only finds and compares.
# prune /ip/dns/static
:foreach i in=[/ip/dns/static/find where comment~"^managed-by=sol;key="] do={ :put ("removed " . [/ip/dns/static/get $i comment]); /ip/dns/static/remove $i }
# prune /routing/bgp/connection
{
  :local keep {"managed-by=sol;key=bgp-connection:solcp011";"managed-by=sol;key=bgp-connection:solcp012";"managed-by=sol;key=bgp-connection:solcp013";"managed-by=sol;key=bgp-connection:solwk021";"managed-by=sol;key=bgp-connection:solwk022";"managed-by=sol;key=bgp-connection:solwk023"}
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key="] do={
    :local c [/routing/bgp/connection/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /routing/bgp/connection/remove $i; :put ("removed " . $c) }
  }
}
# prune /routing/filter/rule
{
  :local keep {"managed-by=sol;key=filter-rule:k8s-in:1";"managed-by=sol;key=filter-rule:k8s-in:2";"managed-by=sol;key=filter-rule:k8s-in:3";"managed-by=sol;key=filter-rule:k8s-in:4"}
  :foreach i in=[/routing/filter/rule/find where comment~"^managed-by=sol;key="] do={
    :local c [/routing/filter/rule/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /routing/filter/rule/remove $i; :put ("removed " . $c) }
  }
}
# prune /ipv6/route
{
  :local keep {"managed-by=sol;key=ipv6-route:fd00:255:101::11/128";"managed-by=sol;key=ipv6-route:fd00:255:101::12/128";"managed-by=sol;key=ipv6-route:fd00:255:101::13/128";"managed-by=sol;key=ipv6-route:fd00:255:101::21/128";"managed-by=sol;key=ipv6-route:fd00:255:101::22/128";"managed-by=sol;key=ipv6-route:fd00:255:101::23/128"}
  :foreach i in=[/ipv6/route/find where comment~"^managed-by=sol;key="] do={
    :local c [/ipv6/route/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ipv6/route/remove $i; :put ("removed " . $c) }
  }
}
# prune /ip/route
:foreach i in=[/ip/route/find where comment~"^managed-by=sol;key="] do={ :put ("removed " . [/ip/route/get $i comment]); /ip/route/remove $i }
# prune /ipv6/address
{
  :local keep {"managed-by=sol;key=ipv6-address:fd00:101::fffe"}
  :foreach i in=[/ipv6/address/find where comment~"^managed-by=sol;key="] do={
    :local c [/ipv6/address/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ipv6/address/remove $i; :put ("removed " . $c) }
  }
}
# prune /ip/address
:foreach i in=[/ip/address/find where comment~"^managed-by=sol;key="] do={ :put ("removed " . [/ip/address/get $i comment]); /ip/address/remove $i }
# reconcile /ipv6/address
{
  :local c "managed-by=sol;key=ipv6-address:fd00:101::fffe"
  :local found false
  :foreach i in=[/ipv6/address/find where comment=$c] do={
    :if ($found) do={ /ipv6/address/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/ipv6/address/get $i address]] != "fd00:101::fffe/64") do={ /ipv6/address/set $i address=fd00:101::fffe/64; :put ("set address " . $c) }
      :if ([:tostr [/ipv6/address/get $i interface]] != "vlan101") do={ /ipv6/address/set $i interface=vlan101; :put ("set interface " . $c) }
      :if ([:tostr [/ipv6/address/get $i advertise]] != "false") do={ /ipv6/address/set $i advertise=no; :put ("set advertise " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/address/add address=fd00:101::fffe/64 interface=vlan101 advertise=no comment=$c; :put ("added " . $c) }
}
# reconcile /ipv6/route
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::11/128"
  :local found false
  :foreach i in=[/ipv6/route/find where comment=$c] do={
    :if ($found) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::11/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::11/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::11") do={ /ipv6/route/set $i gateway=fd00:101::11; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::11/128 gateway=fd00:101::11 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::12/128"
  :local found false
  :foreach i in=[/ipv6/route/find where comment=$c] do={
    :if ($found) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::12/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::12/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::12") do={ /ipv6/route/set $i gateway=fd00:101::12; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::12/128 gateway=fd00:101::12 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::13/128"
  :local found false
  :foreach i in=[/ipv6/route/find where comment=$c] do={
    :if ($found) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::13/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::13/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::13") do={ /ipv6/route/set $i gateway=fd00:101::13; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::13/128 gateway=fd00:101::13 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::21/128"
  :local found false
  :foreach i in=[/ipv6/route/find where comment=$c] do={
    :if ($found) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::21/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::21/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::21") do={ /ipv6/route/set $i gateway=fd00:101::21; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::21/128 gateway=fd00:101::21 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::22/128"
  :local found false
  :foreach i in=[/ipv6/route/find where comment=$c] do={
    :if ($found) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::22/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::22/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::22") do={ /ipv6/route/set $i gateway=fd00:101::22; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::22/128 gateway=fd00:101::22 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::23/128"
  :local found false
  :foreach i in=[/ipv6/route/find where comment=$c] do={
    :if ($found) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::23/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::23/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::23") do={ /ipv6/route/set $i gateway=fd00:101::23; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::23/128 gateway=fd00:101::23 comment=$c; :put ("added " . $c) }
}
# reconcile /routing/filter/rule
{
  :local nextid ""
  :local hasnext false
  {
    :local c "managed-by=sol;key=filter-rule:k8s-in:4"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment=$c] do={
      :if ($found) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "k8s-in") do={ /routing/filter/rule/set $i chain=k8s-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "reject") do={ /routing/filter/rule/set $i rule="reject"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="reject" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="reject" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=filter-rule:k8s-in:3"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment=$c] do={
      :if ($found) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "k8s-in") do={ /routing/filter/rule/set $i chain=k8s-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "if (dst in fd00:255:101::ac/128) { accept }") do={ /routing/filter/rule/set $i rule="if (dst in fd00:255:101::ac/128) { accept }"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fd00:255:101::ac/128) { accept }" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fd00:255:101::ac/128) { accept }" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=filter-rule:k8s-in:2"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment=$c] do={
      :if ($found) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "k8s-in") do={ /routing/filter/rule/set $i chain=k8s-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "if (dst in fd00:101:cafe::/112) { accept }") do={ /routing/filter/rule/set $i rule="if (dst in fd00:101:cafe::/112) { accept }"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fd00:101:cafe::/112) { accept }" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fd00:101:cafe::/112) { accept }" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=filter-rule:k8s-in:1"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment=$c] do={
      :if ($found) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "k8s-in") do={ /routing/filter/rule/set $i chain=k8s-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "if (dst in fc00::/8) { reject }") do={ /routing/filter/rule/set $i rule="if (dst in fc00::/8) { reject }"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fc00::/8) { reject }" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fc00::/8) { reject }" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
}
# reconcile /routing/bgp/connection
{
  :local c "managed-by=sol;key=bgp-connection:solcp011"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment=$c] do={
    :if ($found) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solcp011") do={ /routing/bgp/connection/set $i name=solcp011; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::11") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::11; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solcp011 as=65000 remote.address=fd00:255:101::11 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solcp012"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment=$c] do={
    :if ($found) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solcp012") do={ /routing/bgp/connection/set $i name=solcp012; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::12") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::12; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solcp012 as=65000 remote.address=fd00:255:101::12 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solcp013"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment=$c] do={
    :if ($found) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solcp013") do={ /routing/bgp/connection/set $i name=solcp013; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::13") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::13; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solcp013 as=65000 remote.address=fd00:255:101::13 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solwk021"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment=$c] do={
    :if ($found) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solwk021") do={ /routing/bgp/connection/set $i name=solwk021; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::21") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::21; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solwk021 as=65000 remote.address=fd00:255:101::21 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solwk022"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment=$c] do={
    :if ($found) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solwk022") do={ /routing/bgp/connection/set $i name=solwk022; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::22") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::22; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solwk022 as=65000 remote.address=fd00:255:101::22 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solwk023"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment=$c] do={
    :if ($found) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solwk023") do={ /routing/bgp/connection/set $i name=solwk023; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::23") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::23; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solwk023 as=65000 remote.address=fd00:255:101::23 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 comment=$c; :put ("added " . $c) }
}
`);
});

const tenant = plan.tenants[0];
const cluster = tenant.kubernetes!;
const withTenants = (...tenants: TenantPlan[]): Plan => ({ ...plan, tenants });

test("without clusterRejects, the plan's internal space is what cluster peers may never announce", () => {
  expect(
    routerOsDesiredState(plan, { ...spec, clusterRejects: undefined }).filterRules.map(
      (r) => r.rule,
    ),
  ).toEqual([
    "if (dst in fc00:100::/24) { reject }",
    "if (dst in fd00:101:cafe::/112) { accept }",
    "if (dst in fd00:255:101::ac/128) { accept }",
    "reject",
  ]);
});

test("the router's AS, BGP instance and router ID can be set; the filter chain per VLAN", () => {
  const s = routerOsDesiredState(plan, {
    ...spec,
    asn: 64999,
    bgpInstance: "edge",
    routerId: A("10.10.0.1"),
    vlans: [{ interface: "vlan101", tenant: 101, filterChain: "sol-k8s-in" }],
  });
  expect({ ...s.bgp!, connections: s.bgp!.connections.length }).toEqual({
    asn: 64999,
    instance: "edge",
    routerId: A("10.10.0.1"),
    connections: 6,
  });
  expect(new Set(s.bgp!.connections.map((c) => c.inputFilter))).toEqual(new Set(["sol-k8s-in"]));
  expect(new Set(s.filterRules.map((r) => r.chain))).toEqual(new Set(["sol-k8s-in"]));
});

test("a DNS domain names each node's egress address and the VIP the router learns", () => {
  const s = routerOsDesiredState(plan, {
    ...spec,
    dnsDomain: "sol.lab",
    dnsRecords: [{ name: "traefik.lab.local", address: A("10.8.31.10") }],
  });
  // The VIP also has an IPv4 address in the plan, but only IPv6 is peered: no A record for it.
  expect(s.dns).toEqual([
    ...nodes.map((n) => ({ name: `${n}.sol.lab`, address: A(`fd00:101::${id(n)}`) })),
    { name: "sol-k8s.sol.lab", address: A("fd00:255:101::ac") },
    { name: "traefik.lab.local", address: A("10.8.31.10") },
  ]);
});

test("a tenant without a cluster gets its gateway and nothing else", () => {
  const s = routerOsDesiredState(withTenants({ ...tenant, kubernetes: undefined }), spec);
  expect(s).toEqual({
    router: "rb5009",
    stack: "sol",
    version: "7.19",
    addresses: [
      {
        interface: "vlan101",
        address: A("fd00:101::fffe"),
        network: P("fd00:101::/64"),
        advertise: false,
      },
    ],
    routes: [],
    filterRules: [],
    dns: [],
  });
});

test("a dual-stack cluster peers once per family, each connection named for its family", () => {
  const dual: TenantPlan = {
    ...tenant,
    vms: { ...tenant.vms, ipv4: P("10.101.0.0/24") },
    gateway: { ...tenant.gateway, ipv4: A("10.101.0.254") },
    kubernetes: {
      ...cluster,
      loadBalancers: { ...cluster.loadBalancers, ipv4: P("10.101.255.0/24") },
      nodes: cluster.nodes.slice(0, 1).map((n) => ({
        ...n,
        address: { ...n.address, ipv4: A(`10.101.0.${n.id}`) },
      })),
    },
  };
  const s = routerOsDesiredState(withTenants(dual), { ...spec, clusterRejects: undefined });
  expect(s.addresses).toEqual([
    { interface: "vlan101", address: A("10.101.0.254"), network: P("10.101.0.0/24") },
    {
      interface: "vlan101",
      address: A("fd00:101::fffe"),
      network: P("fd00:101::/64"),
      advertise: false,
    },
  ]);
  expect(s.routes).toEqual([
    { dst: P("10.255.101.11/32"), gateway: A("10.101.0.11") },
    { dst: P("fd00:255:101::11/128"), gateway: A("fd00:101::11") },
  ]);
  expect(
    s.bgp!.connections.map((c) => [
      c.name,
      `${c.remoteAddress}`,
      `${c.localAddress}`,
      c.addressFamilies,
    ]),
  ).toEqual([
    ["solcp011-v4", "10.255.101.11", "10.101.0.254", ["ip"]],
    ["solcp011-v6", "fd00:255:101::11", "fd00:101::fffe", ["ipv6"]],
  ]);
  expect(s.filterRules.map((r) => r.rule)).toEqual([
    "if (dst in fc00:100::/24) { reject }",
    "if (dst in 10.101.255.0/24) { accept }",
    "if (dst in fd00:101:cafe::/112) { accept }",
    "if (dst in 10.255.101.250/32) { accept }",
    "if (dst in fd00:255:101::ac/128) { accept }",
    "reject",
  ]);
});

describe("a spec that does not fit the plan is refused", () => {
  const one = (line: string) => `the RouterOS router spec has 1 problem:\n  - ${line}`;

  test("an unknown tenant", () => {
    expect(() =>
      routerOsDesiredState(plan, { ...spec, vlans: [{ interface: "vlan999", tenant: 999 }] }),
    ).toThrow(one('vlans[0].tenant: "999": is not a tenant of the plan; use one of 101'));
  });

  test("one tenant on two VLANs", () => {
    expect(() =>
      routerOsDesiredState(plan, {
        ...spec,
        vlans: [spec.vlans[0], { interface: "vlan201", tenant: 101 }],
      }),
    ).toThrow(one('vlans[1].tenant: "101": duplicates vlans[0].tenant'));
  });

  test("two clusters sharing one input filter chain", () => {
    expect(() =>
      routerOsDesiredState(withTenants(tenant, { ...tenant, id: 102 }), {
        ...spec,
        vlans: [spec.vlans[0], { interface: "vlan102", tenant: 102 }],
      }),
    ).toThrow(
      one(
        'vlans[1].filterChain: "k8s-in": is already the chain of vlans[0] (tenant 101); give each cluster its own filterChain, or it would accept the other\'s prefixes',
      ),
    );
  });
});
