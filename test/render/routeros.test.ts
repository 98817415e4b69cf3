// The renderer on a small synthetic router: exact script text, version-dependent names, and
// refusal of every value that could change the meaning of the script.
import { Address, Prefix } from "../../addressing/ip";
import {
  RouterOsDesiredState,
  renderRouterOsDestroyScript,
  renderRouterOsScript,
} from "../../render/routeros";
import { RouterModel } from "../../twin/routeros/model";

const A = Address.from;
const P = Prefix.from;

// Seed 004's router (10.25.11.1, AS 64501) with one cluster peer and seed 002's ingress name.
function synthetic(version = "7.20"): RouterOsDesiredState {
  return {
    router: "edge",
    stack: "lab",
    version,
    addresses: [{ interface: "vlan11", address: A("10.25.11.1"), network: P("10.25.11.0/24") }],
    routes: [{ dst: P("10.255.0.0/16"), gateway: A("10.25.11.10") }],
    bgp: {
      asn: 64501,
      instance: "lab",
      routerId: A("10.25.11.1"),
      connections: [
        {
          name: "infra-1",
          remoteAddress: A("10.25.11.11"),
          remoteAs: 64512,
          localRole: "ebgp",
          multihop: false,
          inputFilter: "infra-in",
          addressFamilies: ["ip", "ipv6"],
        },
      ],
    },
    filterRules: [
      { chain: "infra-in", rule: "if (dst in 10.25.11.0/24 && dst-len == 32) { accept }" },
      { chain: "infra-in", rule: "reject" },
    ],
    dns: [{ name: "traefik.lab.local", address: A("10.8.31.10") }],
  };
}

test("the synthetic router's reconcile script, line for line", () => {
  expect(renderRouterOsScript(synthetic()))
    .toBe(`# RouterOS 7.20 reconcile script for router edge, stack lab. Generated; do not edit.
# Owns exactly the entries whose comment starts with "managed-by=lab;key=". Pass 1 only checks: an entry
# of the router that clashes with a wanted one stops the script before any change. Pass 2
# removes the entries it added that are no longer desired and releases the adopted ones (the
# owner's comment goes back, the entry stays); pass 3 adopts the router's own entry equal to a
# wanted one on every property we manage (marks it \`;adopted\`, the owner's comment kept after
# \`;was=\`), adds the missing ones (filter rules before the chain's first factory defconf
# drop) and sets properties that differ on the entries it added. Nothing else is removed,
# moved or changed. A second run only finds and compares.
# check: stop before the first change if the router holds an entry that clashes
{
  :local problems ""
  :foreach i in=[/ip/address/find where address~"^10\\\\.25\\\\.11\\\\.1/" and !(comment~"^managed-by=lab;key=")] do={
    :local why "the same address on another interface or with another prefix length; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ip/address/get $i address]] = "10.25.11.1/24") and ([:tostr [/ip/address/get $i interface]] = "vlan11"))) do={ :set why "" }
    :if (((([:tostr [/ip/address/get $i address]] = "10.25.11.1/24") and ([:tostr [/ip/address/get $i interface]] = "vlan11"))) and ([:tostr [/ip/address/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ip/address: the router has address=" . [:tostr [/ip/address/get $i address]] . " interface=" . [:tostr [/ip/address/get $i interface]] . ", the stack wants address=10.25.11.1/24 interface=vlan11 (key ip-address:10.25.11.1): " . $why)
    }
  }
  :foreach i in=[/ip/route/find where dst-address="10.255.0.0/16" and routing-table="main" and !(comment~"^managed-by=lab;key=")] do={
    :local why "the same destination in the main table through another gateway; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ip/route/get $i dst-address]] = "10.255.0.0/16") and ([:tostr [/ip/route/get $i gateway]] = "10.25.11.10") and ([:tostr [/ip/route/get $i routing-table]] = "main"))) do={ :set why "" }
    :if (((([:tostr [/ip/route/get $i dst-address]] = "10.255.0.0/16") and ([:tostr [/ip/route/get $i gateway]] = "10.25.11.10") and ([:tostr [/ip/route/get $i routing-table]] = "main"))) and ([:tostr [/ip/route/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ip/route: the router has dst-address=" . [:tostr [/ip/route/get $i dst-address]] . " gateway=" . [:tostr [/ip/route/get $i gateway]] . " routing-table=" . [:tostr [/ip/route/get $i routing-table]] . ", the stack wants dst-address=10.255.0.0/16 gateway=10.25.11.10 routing-table=main (key ip-route:10.255.0.0/16): " . $why)
    }
  }
  :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=lab;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/filter/rule/get $i chain]] = "infra-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in 10.25.11.0/24 && dst-len == 32) { accept }"))) do={ :set why "" }
    :if (((([:tostr [/routing/filter/rule/get $i chain]] = "infra-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in 10.25.11.0/24 && dst-len == 32) { accept }"))) and ([:tostr [/routing/filter/rule/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/filter/rule: the router has chain=" . [:tostr [/routing/filter/rule/get $i chain]] . " rule=" . [:tostr [/routing/filter/rule/get $i rule]] . ", the stack wants chain=infra-in rule=if (dst in 10.25.11.0/24 && dst-len == 32) { accept } (key filter-rule:infra-in:1): " . $why)
    }
  }
  :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=lab;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/filter/rule/get $i chain]] = "infra-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "reject"))) do={ :set why "" }
    :if (((([:tostr [/routing/filter/rule/get $i chain]] = "infra-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "reject"))) and ([:tostr [/routing/filter/rule/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/filter/rule: the router has chain=" . [:tostr [/routing/filter/rule/get $i chain]] . " rule=" . [:tostr [/routing/filter/rule/get $i rule]] . ", the stack wants chain=infra-in rule=reject (key filter-rule:infra-in:2): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/instance/find where !(comment~"^managed-by=lab;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/bgp/instance/get $i name]] = "lab"))) do={ :set why "" }
    :if (((([:tostr [/routing/bgp/instance/get $i name]] = "lab"))) and ([:tostr [/routing/bgp/instance/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bgp/instance: the router has name=" . [:tostr [/routing/bgp/instance/get $i name]] . ", the stack wants name=lab (key bgp-instance): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/instance/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/routing/bgp/instance/get $i name]] = "lab"))) and ([:tostr [/routing/bgp/instance/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/instance/get $i as]] != "64501") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/instance/get $i as]] . "\\" (the stack wants \\"64501\\")") }
      :if ([:tostr [/routing/bgp/instance/get $i router-id]] != "10.25.11.1") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "router-id=\\"" . [:tostr [/routing/bgp/instance/get $i router-id]] . "\\" (the stack wants \\"10.25.11.1\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/instance: the router has name=" . [:tostr [/routing/bgp/instance/get $i name]] . ", the stack wants name=lab (key bgp-instance): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bgp/instance/find where comment~"^managed-by=lab;key=bgp-instance;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/instance/get $i as]] != "64501") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/instance/get $i as]] . "\\" (the stack wants \\"64501\\")") }
      :if ([:tostr [/routing/bgp/instance/get $i router-id]] != "10.25.11.1") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "router-id=\\"" . [:tostr [/routing/bgp/instance/get $i router-id]] . "\\" (the stack wants \\"10.25.11.1\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/instance: the router has name=" . [:tostr [/routing/bgp/instance/get $i name]] . ", the stack wants name=lab (key bgp-instance): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=lab;key=")] do={
    :local why ""
    :if (!(!(([:tostr [/routing/bgp/connection/get $i name]] = "infra-1")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "10.25.11.11")))) do={ :set why "" }
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "infra-1")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "10.25.11.11")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=infra-1 remote.address=10.25.11.11 (key bgp-connection:infra-1): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "infra-1")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "10.25.11.11")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "10.25.11.11") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"10.25.11.11\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "64512") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"64512\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=infra-1 remote.address=10.25.11.11 (key bgp-connection:infra-1): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=lab;key=bgp-connection:infra-1;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "10.25.11.11") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"10.25.11.11\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "64512") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"64512\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=infra-1 remote.address=10.25.11.11 (key bgp-connection:infra-1): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/ip/dns/static/find where !(comment~"^managed-by=lab;key=")] do={
    :local why ""
    :if ((([:tostr [/ip/dns/static/get $i name]] = "traefik.lab.local") and ([:tostr [/ip/dns/static/get $i type]] = "A"))) do={ :set why "" }
    :if (((([:tostr [/ip/dns/static/get $i name]] = "traefik.lab.local") and ([:tostr [/ip/dns/static/get $i type]] = "A"))) and ([:tostr [/ip/dns/static/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ip/dns/static: the router has name=" . [:tostr [/ip/dns/static/get $i name]] . " type=" . [:tostr [/ip/dns/static/get $i type]] . ", the stack wants name=traefik.lab.local type=A (key dns:traefik.lab.local/10.8.31.10): " . $why)
    }
  }
  :foreach i in=[/ip/dns/static/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/ip/dns/static/get $i name]] = "traefik.lab.local") and ([:tostr [/ip/dns/static/get $i type]] = "A"))) and ([:tostr [/ip/dns/static/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ip/dns/static/get $i address]] != "10.8.31.10") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "address=\\"" . [:tostr [/ip/dns/static/get $i address]] . "\\" (the stack wants \\"10.8.31.10\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ip/dns/static: the router has name=" . [:tostr [/ip/dns/static/get $i name]] . " type=" . [:tostr [/ip/dns/static/get $i type]] . ", the stack wants name=traefik.lab.local type=A (key dns:traefik.lab.local/10.8.31.10): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ip/dns/static/find where comment~"^managed-by=lab;key=dns:traefik\\\\.lab\\\\.local/10\\\\.8\\\\.31\\\\.10;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ip/dns/static/get $i address]] != "10.8.31.10") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "address=\\"" . [:tostr [/ip/dns/static/get $i address]] . "\\" (the stack wants \\"10.8.31.10\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ip/dns/static: the router has name=" . [:tostr [/ip/dns/static/get $i name]] . " type=" . [:tostr [/ip/dns/static/get $i type]] . ", the stack wants name=traefik.lab.local type=A (key dns:traefik.lab.local/10.8.31.10): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :if ($problems != "") do={ :error $problems }
}
# prune /ipv6/firewall/nat
:foreach i in=[/ipv6/firewall/nat/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/firewall/nat/get $i comment]); /ipv6/firewall/nat/remove $i }
:foreach i in=[/ipv6/firewall/nat/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/firewall/nat/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/firewall/nat/set $i comment="" } else={ /ipv6/firewall/nat/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ip/firewall/nat
:foreach i in=[/ip/firewall/nat/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/nat/get $i comment]); /ip/firewall/nat/remove $i }
:foreach i in=[/ip/firewall/nat/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/nat/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/nat/set $i comment="" } else={ /ip/firewall/nat/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ipv6/firewall/filter
:foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/firewall/filter/get $i comment]); /ipv6/firewall/filter/remove $i }
:foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/firewall/filter/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ip/firewall/filter
:foreach i in=[/ip/firewall/filter/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/filter/get $i comment]); /ip/firewall/filter/remove $i }
:foreach i in=[/ip/firewall/filter/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/filter/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/filter/set $i comment="" } else={ /ip/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ipv6/firewall/address-list
:foreach i in=[/ipv6/firewall/address-list/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/firewall/address-list/get $i comment]); /ipv6/firewall/address-list/remove $i }
:foreach i in=[/ipv6/firewall/address-list/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/firewall/address-list/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/firewall/address-list/set $i comment="" } else={ /ipv6/firewall/address-list/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ip/firewall/address-list
:foreach i in=[/ip/firewall/address-list/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/address-list/get $i comment]); /ip/firewall/address-list/remove $i }
:foreach i in=[/ip/firewall/address-list/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/address-list/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/address-list/set $i comment="" } else={ /ip/firewall/address-list/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ip/dns/static
{
  :local keep {"managed-by=lab;key=dns:traefik.lab.local/10.8.31.10"}
  :foreach i in=[/ip/dns/static/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={
    :local c [/ip/dns/static/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ip/dns/static/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/ip/dns/static/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/ip/dns/static/get $i comment] 0 [:find [/ip/dns/static/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/ip/dns/static/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /ip/dns/static/set $i comment="" } else={ /ip/dns/static/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /routing/bgp/connection
{
  :local keep {"managed-by=lab;key=bgp-connection:infra-1"}
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={
    :local c [/routing/bgp/connection/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /routing/bgp/connection/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/routing/bgp/connection/get $i comment] 0 [:find [/routing/bgp/connection/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/routing/bgp/connection/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /routing/bfd/configuration
:foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/routing/bfd/configuration/get $i comment]); /routing/bfd/configuration/remove $i }
:foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/routing/bfd/configuration/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /routing/bgp/instance
{
  :local keep {"managed-by=lab;key=bgp-instance"}
  :foreach i in=[/routing/bgp/instance/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={
    :local c [/routing/bgp/instance/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /routing/bgp/instance/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/routing/bgp/instance/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/routing/bgp/instance/get $i comment] 0 [:find [/routing/bgp/instance/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/routing/bgp/instance/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /routing/bgp/instance/set $i comment="" } else={ /routing/bgp/instance/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /routing/filter/rule
{
  :local keep {"managed-by=lab;key=filter-rule:infra-in:1";"managed-by=lab;key=filter-rule:infra-in:2"}
  :foreach i in=[/routing/filter/rule/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={
    :local c [/routing/filter/rule/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /routing/filter/rule/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/routing/filter/rule/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/routing/filter/rule/get $i comment] 0 [:find [/routing/filter/rule/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/routing/filter/rule/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /ipv6/route
:foreach i in=[/ipv6/route/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/route/get $i comment]); /ipv6/route/remove $i }
:foreach i in=[/ipv6/route/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/route/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ip/route
{
  :local keep {"managed-by=lab;key=ip-route:10.255.0.0/16"}
  :foreach i in=[/ip/route/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={
    :local c [/ip/route/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ip/route/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/ip/route/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/ip/route/get $i comment] 0 [:find [/ip/route/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/ip/route/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /ip/route/set $i comment="" } else={ /ip/route/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /ipv6/address
:foreach i in=[/ipv6/address/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/address/get $i comment]); /ipv6/address/remove $i }
:foreach i in=[/ipv6/address/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/address/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/address/set $i comment="" } else={ /ipv6/address/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ip/address
{
  :local keep {"managed-by=lab;key=ip-address:10.25.11.1"}
  :foreach i in=[/ip/address/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={
    :local c [/ip/address/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ip/address/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/ip/address/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/ip/address/get $i comment] 0 [:find [/ip/address/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/ip/address/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /ip/address/set $i comment="" } else={ /ip/address/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# reconcile /ip/address
{
  :local c "managed-by=lab;key=ip-address:10.25.11.1"
  :local r "^managed-by=lab;key=ip-address:10\\\\.25\\\\.11\\\\.1(\\$|;adopted)"
  :local found false
  :foreach i in=[/ip/address/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ip/address/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ip/address/get $i address]] = "10.25.11.1/24") and ([:tostr [/ip/address/get $i interface]] = "vlan11")) and ([:tostr [/ip/address/get $i disabled]] != "true")) do={
        :local own [:tostr [/ip/address/get $i comment]]
        :if ($own = "") do={ /ip/address/set $i comment=($c . ";adopted") } else={ /ip/address/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ip/address/find where comment~$r] do={
    :if ($found) do={
      :if ([/ip/address/get $i comment] = $c) do={ /ip/address/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ip/address/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ip/address/set $i comment="" } else={ /ip/address/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ip/address/get $i address]] != "10.25.11.1/24") do={ /ip/address/set $i address=10.25.11.1/24; :put ("set address " . $c) }
      :if ([:tostr [/ip/address/get $i interface]] != "vlan11") do={ /ip/address/set $i interface=vlan11; :put ("set interface " . $c) }
    }
  }
  :if (!$found) do={ /ip/address/add address=10.25.11.1/24 interface=vlan11 comment=$c; :put ("added " . $c) }
}
# reconcile /ip/route
{
  :local c "managed-by=lab;key=ip-route:10.255.0.0/16"
  :local r "^managed-by=lab;key=ip-route:10\\\\.255\\\\.0\\\\.0/16(\\$|;adopted)"
  :local found false
  :foreach i in=[/ip/route/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ip/route/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ip/route/get $i dst-address]] = "10.255.0.0/16") and ([:tostr [/ip/route/get $i gateway]] = "10.25.11.10") and ([:tostr [/ip/route/get $i routing-table]] = "main")) and ([:tostr [/ip/route/get $i disabled]] != "true")) do={
        :local own [:tostr [/ip/route/get $i comment]]
        :if ($own = "") do={ /ip/route/set $i comment=($c . ";adopted") } else={ /ip/route/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ip/route/find where comment~$r] do={
    :if ($found) do={
      :if ([/ip/route/get $i comment] = $c) do={ /ip/route/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ip/route/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ip/route/set $i comment="" } else={ /ip/route/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ip/route/get $i dst-address]] != "10.255.0.0/16") do={ /ip/route/set $i dst-address=10.255.0.0/16; :put ("set dst-address " . $c) }
      :if ([:tostr [/ip/route/get $i gateway]] != "10.25.11.10") do={ /ip/route/set $i gateway=10.25.11.10; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ip/route/add dst-address=10.255.0.0/16 gateway=10.25.11.10 comment=$c; :put ("added " . $c) }
}
# reconcile /routing/filter/rule
{
  :local nextid ""
  :local hasnext false
  {
    :local c "managed-by=lab;key=filter-rule:infra-in:2"
    :local r "^managed-by=lab;key=filter-rule:infra-in:2(\\$|;adopted)"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=")] do={
        :if ((!$found) and (([:tostr [/routing/filter/rule/get $i chain]] = "infra-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "reject")) and ([:tostr [/routing/filter/rule/get $i disabled]] != "true")) do={
          :local own [:tostr [/routing/filter/rule/get $i comment]]
          :if ($own = "") do={ /routing/filter/rule/set $i comment=($c . ";adopted") } else={ /routing/filter/rule/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={
      :if ($found) do={
        :if ([/routing/filter/rule/get $i comment] = $c) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/routing/filter/rule/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "infra-in") do={ /routing/filter/rule/set $i chain=infra-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "reject") do={ /routing/filter/rule/set $i rule="reject"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=infra-in rule="reject" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=infra-in rule="reject" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=lab;key=filter-rule:infra-in:1"
    :local r "^managed-by=lab;key=filter-rule:infra-in:1(\\$|;adopted)"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=")] do={
        :if ((!$found) and (([:tostr [/routing/filter/rule/get $i chain]] = "infra-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in 10.25.11.0/24 && dst-len == 32) { accept }")) and ([:tostr [/routing/filter/rule/get $i disabled]] != "true")) do={
          :local own [:tostr [/routing/filter/rule/get $i comment]]
          :if ($own = "") do={ /routing/filter/rule/set $i comment=($c . ";adopted") } else={ /routing/filter/rule/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={
      :if ($found) do={
        :if ([/routing/filter/rule/get $i comment] = $c) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/routing/filter/rule/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "infra-in") do={ /routing/filter/rule/set $i chain=infra-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "if (dst in 10.25.11.0/24 && dst-len == 32) { accept }") do={ /routing/filter/rule/set $i rule="if (dst in 10.25.11.0/24 && dst-len == 32) { accept }"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=infra-in rule="if (dst in 10.25.11.0/24 && dst-len == 32) { accept }" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=infra-in rule="if (dst in 10.25.11.0/24 && dst-len == 32) { accept }" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
}
# reconcile /routing/bgp/instance
{
  :local c "managed-by=lab;key=bgp-instance"
  :local r "^managed-by=lab;key=bgp-instance(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bgp/instance/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bgp/instance/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/routing/bgp/instance/get $i name]] = "lab")) and ([:tostr [/routing/bgp/instance/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bgp/instance/get $i comment]]
        :if ($own = "") do={ /routing/bgp/instance/set $i comment=($c . ";adopted") } else={ /routing/bgp/instance/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bgp/instance/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bgp/instance/get $i comment] = $c) do={ /routing/bgp/instance/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bgp/instance/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bgp/instance/set $i comment="" } else={ /routing/bgp/instance/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/routing/bgp/instance/get $i name]] != "lab") do={ /routing/bgp/instance/set $i name=lab; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/instance/get $i as]] != "64501") do={ /routing/bgp/instance/set $i as=64501; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/instance/get $i router-id]] != "10.25.11.1") do={ /routing/bgp/instance/set $i router-id=10.25.11.1; :put ("set router-id " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/instance/add name=lab as=64501 router-id=10.25.11.1 comment=$c; :put ("added " . $c) }
}
# reconcile /routing/bgp/connection
{
  :local c "managed-by=lab;key=bgp-connection:infra-1"
  :local r "^managed-by=lab;key=bgp-connection:infra-1(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and !(!(([:tostr [/routing/bgp/connection/get $i name]] = "infra-1")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "10.25.11.11"))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bgp/connection/get $i comment]]
        :if ($own = "") do={ /routing/bgp/connection/set $i comment=($c . ";adopted") } else={ /routing/bgp/connection/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bgp/connection/get $i comment] = $c) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bgp/connection/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "infra-1") do={ /routing/bgp/connection/set $i name=infra-1; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i instance]] != "lab") do={ /routing/bgp/connection/set $i instance=lab; :put ("set instance " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "10.25.11.11") do={ /routing/bgp/connection/set $i remote.address=10.25.11.11; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "64512") do={ /routing/bgp/connection/set $i remote.as=64512; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "false") do={ /routing/bgp/connection/set $i multihop=no; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "infra-in") do={ /routing/bgp/connection/set $i input.filter=infra-in; :put ("set input.filter " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i afi]] != "ip;ipv6") and ([:tostr [/routing/bgp/connection/get $i afi]] != "ip,ipv6")) do={ /routing/bgp/connection/set $i afi=ip,ipv6; :put ("set afi " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i use-bfd]] != "false") do={ /routing/bgp/connection/set $i use-bfd=no; :put ("set use-bfd " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=infra-1 instance=lab remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in afi=ip,ipv6 use-bfd=no comment=$c; :put ("added " . $c) }
}
# reconcile /ip/dns/static
{
  :local c "managed-by=lab;key=dns:traefik.lab.local/10.8.31.10"
  :local r "^managed-by=lab;key=dns:traefik\\\\.lab\\\\.local/10\\\\.8\\\\.31\\\\.10(\\$|;adopted)"
  :local found false
  :foreach i in=[/ip/dns/static/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ip/dns/static/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ip/dns/static/get $i name]] = "traefik.lab.local") and ([:tostr [/ip/dns/static/get $i type]] = "A")) and ([:tostr [/ip/dns/static/get $i disabled]] != "true")) do={
        :local own [:tostr [/ip/dns/static/get $i comment]]
        :if ($own = "") do={ /ip/dns/static/set $i comment=($c . ";adopted") } else={ /ip/dns/static/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ip/dns/static/find where comment~$r] do={
    :if ($found) do={
      :if ([/ip/dns/static/get $i comment] = $c) do={ /ip/dns/static/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ip/dns/static/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ip/dns/static/set $i comment="" } else={ /ip/dns/static/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ip/dns/static/get $i name]] != "traefik.lab.local") do={ /ip/dns/static/set $i name=traefik.lab.local; :put ("set name " . $c) }
      :if ([:tostr [/ip/dns/static/get $i type]] != "A") do={ /ip/dns/static/set $i type=A; :put ("set type " . $c) }
      :if ([:tostr [/ip/dns/static/get $i address]] != "10.8.31.10") do={ /ip/dns/static/set $i address=10.8.31.10; :put ("set address " . $c) }
    }
  }
  :if (!$found) do={ /ip/dns/static/add name=traefik.lab.local type=A address=10.8.31.10 comment=$c; :put ("added " . $c) }
}
`);
});

test("the synthetic router's destroy script removes by marker only, dependants first", () => {
  expect(renderRouterOsDestroyScript(synthetic()))
    .toBe(`# RouterOS 7.20 destroy script for router edge, stack lab. Generated; do not edit.
# Removes exactly the entries it added (comment "managed-by=lab;key="<key>), and nothing else; an
# entry it adopted (\`;adopted\` after the key) is released: the owner's comment back, kept.
:foreach i in=[/ipv6/firewall/nat/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/firewall/nat/get $i comment]); /ipv6/firewall/nat/remove $i }
:foreach i in=[/ipv6/firewall/nat/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/firewall/nat/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/firewall/nat/set $i comment="" } else={ /ipv6/firewall/nat/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ip/firewall/nat/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/nat/get $i comment]); /ip/firewall/nat/remove $i }
:foreach i in=[/ip/firewall/nat/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/nat/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/nat/set $i comment="" } else={ /ip/firewall/nat/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/firewall/filter/get $i comment]); /ipv6/firewall/filter/remove $i }
:foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/firewall/filter/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ip/firewall/filter/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/filter/get $i comment]); /ip/firewall/filter/remove $i }
:foreach i in=[/ip/firewall/filter/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/filter/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/filter/set $i comment="" } else={ /ip/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ipv6/firewall/address-list/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/firewall/address-list/get $i comment]); /ipv6/firewall/address-list/remove $i }
:foreach i in=[/ipv6/firewall/address-list/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/firewall/address-list/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/firewall/address-list/set $i comment="" } else={ /ipv6/firewall/address-list/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ip/firewall/address-list/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/address-list/get $i comment]); /ip/firewall/address-list/remove $i }
:foreach i in=[/ip/firewall/address-list/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/address-list/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/address-list/set $i comment="" } else={ /ip/firewall/address-list/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ip/dns/static/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/dns/static/get $i comment]); /ip/dns/static/remove $i }
:foreach i in=[/ip/dns/static/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/dns/static/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/dns/static/set $i comment="" } else={ /ip/dns/static/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/routing/bgp/connection/get $i comment]); /routing/bgp/connection/remove $i }
:foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/routing/bgp/connection/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/routing/bfd/configuration/get $i comment]); /routing/bfd/configuration/remove $i }
:foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/routing/bfd/configuration/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/routing/bgp/instance/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/routing/bgp/instance/get $i comment]); /routing/bgp/instance/remove $i }
:foreach i in=[/routing/bgp/instance/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/routing/bgp/instance/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /routing/bgp/instance/set $i comment="" } else={ /routing/bgp/instance/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/routing/filter/rule/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/routing/filter/rule/get $i comment]); /routing/filter/rule/remove $i }
:foreach i in=[/routing/filter/rule/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/routing/filter/rule/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ipv6/route/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/route/get $i comment]); /ipv6/route/remove $i }
:foreach i in=[/ipv6/route/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/route/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ip/route/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/route/get $i comment]); /ip/route/remove $i }
:foreach i in=[/ip/route/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/route/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/route/set $i comment="" } else={ /ip/route/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ipv6/address/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/address/get $i comment]); /ipv6/address/remove $i }
:foreach i in=[/ipv6/address/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/address/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/address/set $i comment="" } else={ /ipv6/address/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
:foreach i in=[/ip/address/find where comment~"^managed-by=lab;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/address/get $i comment]); /ip/address/remove $i }
:foreach i in=[/ip/address/find where comment~"^managed-by=lab;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/address/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/address/set $i comment="" } else={ /ip/address/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
`);
});

describe("the RouterOS version decides the BGP property names", () => {
  const addLine = (script: string): string =>
    script
      .split("\n")
      .filter((l) => l.includes("/routing/bgp/connection/add "))
      .map((l) => l.trim())
      .join("\n");
  const sections = (script: string): string[] =>
    script.split("\n").filter((l) => /^# (prune|reconcile) /.test(l));

  test.each([
    [
      "7.14",
      ':if (!$found) do={ /routing/bgp/connection/add name=infra-1 as=64501 remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in address-families=ip,ipv6 router-id=10.25.11.1 comment=$c; :put ("added " . $c) }',
    ],
    [
      "7.18",
      ':if (!$found) do={ /routing/bgp/connection/add name=infra-1 as=64501 remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in address-families=ip,ipv6 use-bfd=no router-id=10.25.11.1 comment=$c; :put ("added " . $c) }',
    ],
    [
      "7.19",
      ':if (!$found) do={ /routing/bgp/connection/add name=infra-1 as=64501 remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in afi=ip,ipv6 use-bfd=no router-id=10.25.11.1 comment=$c; :put ("added " . $c) }',
    ],
    [
      "7.19.4",
      ':if (!$found) do={ /routing/bgp/connection/add name=infra-1 as=64501 remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in afi=ip,ipv6 use-bfd=no router-id=10.25.11.1 comment=$c; :put ("added " . $c) }',
    ],
    [
      "7.20",
      ':if (!$found) do={ /routing/bgp/connection/add name=infra-1 instance=lab remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in afi=ip,ipv6 use-bfd=no comment=$c; :put ("added " . $c) }',
    ],
  ])("RouterOS %s", (version, line) => {
    expect(addLine(renderRouterOsScript(synthetic(version)))).toBe(line);
  });

  test("the address families are compared under the name that exists", () => {
    const lines = (v: string) =>
      renderRouterOsScript(synthetic(v))
        .split("\n")
        .filter((l) => l.includes("set afi") || l.includes("set address-families"))
        .map((l) => l.trim());
    expect(lines("7.18")).toEqual([
      ':if (([:tostr [/routing/bgp/connection/get $i address-families]] != "ip;ipv6") and ([:tostr [/routing/bgp/connection/get $i address-families]] != "ip,ipv6")) do={ /routing/bgp/connection/set $i address-families=ip,ipv6; :put ("set address-families " . $c) }',
    ]);
    expect(lines("7.19")).toEqual([
      ':if (([:tostr [/routing/bgp/connection/get $i afi]] != "ip;ipv6") and ([:tostr [/routing/bgp/connection/get $i afi]] != "ip,ipv6")) do={ /routing/bgp/connection/set $i afi=ip,ipv6; :put ("set afi " . $c) }',
    ]);
  });

  test("only 7.20 and later touch the BGP instance menu, which older versions lack", () => {
    const without = [
      "# prune /ipv6/firewall/nat",
      "# prune /ip/firewall/nat",
      "# prune /ipv6/firewall/filter",
      "# prune /ip/firewall/filter",
      "# prune /ipv6/firewall/address-list",
      "# prune /ip/firewall/address-list",
      "# prune /ip/dns/static",
      "# prune /routing/bgp/connection",
      "# prune /routing/bfd/configuration",
      "# prune /routing/filter/rule",
      "# prune /ipv6/route",
      "# prune /ip/route",
      "# prune /ipv6/address",
      "# prune /ip/address",
      "# reconcile /ip/address",
      "# reconcile /ip/route",
      "# reconcile /routing/filter/rule",
      "# reconcile /routing/bgp/connection",
      "# reconcile /ip/dns/static",
    ];
    expect(sections(renderRouterOsScript(synthetic("7.19")))).toEqual(without);
    expect(sections(renderRouterOsScript(synthetic("7.20")))).toEqual([
      ...without.slice(0, 9),
      "# prune /routing/bgp/instance",
      ...without.slice(9, 17),
      "# reconcile /routing/bgp/instance",
      ...without.slice(17),
    ]);
  });

  test.each(["7.18", "7.19", "7.20"])(
    "each version's script runs on a %s router and a second run changes nothing",
    (version) => {
      const router = new RouterModel(version);
      const script = renderRouterOsScript(synthetic(version));
      const added = (menu: string, key: string) => ({
        op: "add",
        menu,
        comment: `managed-by=lab;key=${key}`,
      });
      expect(router.run(script).mutations).toEqual([
        added("/ip/address", "ip-address:10.25.11.1"),
        added("/ip/route", "ip-route:10.255.0.0/16"),
        added("/routing/filter/rule", "filter-rule:infra-in:2"),
        added("/routing/filter/rule", "filter-rule:infra-in:1"),
        ...(version === "7.20" ? [added("/routing/bgp/instance", "bgp-instance")] : []),
        added("/routing/bgp/connection", "bgp-connection:infra-1"),
        added("/ip/dns/static", "dns:traefik.lab.local/10.8.31.10"),
      ]);
      expect(router.rows("/routing/filter/rule").map((r) => r.rule)).toEqual([
        "if (dst in 10.25.11.0/24 && dst-len == 32) { accept }",
        "reject",
      ]);
      expect(router.run(script)).toEqual({ mutations: [], output: [] });
    },
  );

  test.each([
    ["7.18", "7.19", "/routing/bgp/connection: unknown parameter address-families"],
    ["7.19", "7.18", "/routing/bgp/connection: unknown parameter afi"],
    ["7.19", "7.20", "/routing/bgp/connection: unknown parameter router-id"],
    ["7.20", "7.19", "bad command name: no menu /routing/bgp/instance"],
  ])("a %s script fails on a %s router", (rendered, running, message) => {
    const script = renderRouterOsScript(synthetic(rendered));
    expect(() => new RouterModel(running).run(script)).toThrow(message);
  });
});

test("BFD toward an on-link peer: an entry for its address on its interface, use-bfd=yes, timers", () => {
  const base = synthetic("7.19");
  const state: RouterOsDesiredState = {
    ...base,
    bgp: {
      ...base.bgp!,
      connections: [
        {
          ...base.bgp!.connections[0],
          holdTime: 9,
          keepaliveTime: 3,
          interface: "vlan11",
          bfd: { minTxMs: 300, minRxMs: 250, multiplier: 3 },
        },
      ],
    },
  };
  const script = renderRouterOsScript(state);
  const lines = script.split("\n").filter((l) => / \/routing\/(bfd|bgp)\/[a-z]+\/add /.test(l));
  expect(lines.map((l) => l.trim())).toEqual([
    ':if (!$found) do={ /routing/bfd/configuration/add addresses=10.25.11.11 interfaces=vlan11 min-rx=250ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c; :put ("added " . $c) }',
    ':if (!$found) do={ /routing/bgp/connection/add name=infra-1 as=64501 remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in afi=ip,ipv6 use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.25.11.1 comment=$c; :put ("added " . $c) }',
  ]);
  const router = new RouterModel("7.19");
  router.run(script);
  expect(router.rows("/routing/bfd/configuration")).toEqual([
    {
      addresses: "10.25.11.11",
      interfaces: "vlan11",
      "min-rx": "00:00:00.250",
      "min-tx": "00:00:00.300",
      multiplier: "3",
      "forbid-bfd": "false",
      comment: "managed-by=lab;key=bfd-config:10.25.11.11",
    },
  ]);
  expect(router.run(script)).toEqual({ mutations: [], output: [] });
  // A multihop session's entry names the peer only: its packets may arrive on any interface.
  const multihop = renderRouterOsScript({
    ...state,
    bgp: { ...state.bgp!, connections: [{ ...state.bgp!.connections[0], multihop: true }] },
  });
  expect(multihop).toContain(
    "/routing/bfd/configuration/add addresses=10.25.11.11 min-rx=250ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c;",
  );
});

const problems = (...lines: string[]): string =>
  `the RouterOS desired state has ${lines.length} problem${lines.length === 1 ? "" : "s"}:\n` +
  lines.map((l) => `  - ${l}`).join("\n");

function withState(patch: (s: RouterOsDesiredState) => RouterOsDesiredState): () => string {
  return () => renderRouterOsScript(patch(synthetic()));
}

function withConnection(
  patch: Partial<NonNullable<RouterOsDesiredState["bgp"]>["connections"][number]>,
): () => string {
  return withState((s) => ({
    ...s,
    bgp: { ...s.bgp!, connections: [{ ...s.bgp!.connections[0], ...patch }] },
  }));
}

test.each([
  [
    "7",
    'version: "7": is not a RouterOS v7 version; expected 7.<minor> or 7.<minor>.<patch>, e.g. "7.19"',
  ],
  [
    "v7.19",
    'version: "v7.19": is not a RouterOS v7 version; expected 7.<minor> or 7.<minor>.<patch>, e.g. "7.19"',
  ],
  [
    "7.19rc1",
    'version: "7.19rc1": is not a RouterOS v7 version; expected 7.<minor> or 7.<minor>.<patch>, e.g. "7.19"',
  ],
  [
    "7.019",
    'version: "7.019": is not a RouterOS v7 version; expected 7.<minor> or 7.<minor>.<patch>, e.g. "7.19"',
  ],
  [
    "6.49.10",
    'version: "6.49.10": is not a RouterOS v7 version; expected 7.<minor> or 7.<minor>.<patch>, e.g. "7.19"',
  ],
])("version %j is refused", (version, line) => {
  expect(withState((s) => ({ ...s, version }))).toThrow(problems(line));
});

describe("values that do not fit their field are refused with the field and the value", () => {
  test.each<[string, () => string, string]>([
    [
      "an address outside its network",
      withState((s) => ({ ...s, addresses: [{ ...s.addresses[0], address: A("10.25.12.1") }] })),
      'addresses[0].address: "10.25.12.1": is not inside network 10.25.11.0/24',
    ],
    [
      "an address of the other family than its network",
      withState((s) => ({ ...s, addresses: [{ ...s.addresses[0], address: A("fd00::1") }] })),
      'addresses[0].address: "fd00::1": is IPv6 but network 10.25.11.0/24 is IPv4',
    ],
    [
      "router advertisements on an IPv4 address",
      withState((s) => ({ ...s, addresses: [{ ...s.addresses[0], advertise: true }] })),
      'addresses[0].advertise: "true": applies to IPv6 addresses only',
    ],
    [
      "a route whose gateway is of the other family",
      withState((s) => ({ ...s, routes: [{ dst: P("10.255.0.0/16"), gateway: A("fd00::1") }] })),
      'routes[0].gateway: "fd00::1": is IPv6 but dst 10.255.0.0/16 is IPv4',
    ],
    [
      "one route twice (two through different gateways are ECMP)",
      withState((s) => ({
        ...s,
        routes: [s.routes[0], { ...s.routes[0], gateway: A("10.25.11.12") }, s.routes[0]],
      })),
      'routes[2].gateway: "10.25.11.10": duplicates routes[0].gateway',
    ],
    [
      "a gateway given as text instead of a parsed Address",
      withState((s) => ({
        ...s,
        routes: [{ dst: s.routes[0].dst, gateway: "10.25.11.10" as unknown as Address }],
      })),
      'routes[0].gateway: "10.25.11.10": is not an Address value; parse it with Address.parse from addressing/ip',
    ],
    [
      "AS 0",
      withState((s) => ({ ...s, bgp: { ...s.bgp!, asn: 0 } })),
      'bgp.asn: "0": is not an AS number; use an integer from 1 to 4294967295',
    ],
    [
      "a fractional remote AS",
      withConnection({ remoteAs: 64512.5 }),
      'bgp.connections[0].remoteAs: "64512.5": is not an AS number; use an integer from 1 to 4294967295',
    ],
    [
      "a remote AS beyond 32 bits",
      withConnection({ remoteAs: 4294967296 }),
      'bgp.connections[0].remoteAs: "4294967296": is not an AS number; use an integer from 1 to 4294967295',
    ],
    [
      "an unknown BGP role",
      withConnection({ localRole: "ebgp yes" as "ebgp" }),
      'bgp.connections[0].localRole: "ebgp yes": is not a BGP role; use one of ebgp, ebgp-customer, ebgp-peer, ebgp-provider, ebgp-rs, ebgp-rs-client, ibgp, ibgp-rr, ibgp-rr-client',
    ],
    [
      "no address family",
      withConnection({ addressFamilies: [] }),
      'bgp.connections[0].addressFamilies: "[]": must list at least one of ip, ipv6',
    ],
    [
      "an unknown address family",
      withConnection({ addressFamilies: ["ipv4" as "ip"] }),
      'bgp.connections[0].addressFamilies[0]: "ipv4": is not a BGP address family; use one of ip, ipv6',
    ],
    [
      "a repeated address family",
      withConnection({ addressFamilies: ["ipv6", "ipv6"] }),
      'bgp.connections[0].addressFamilies[1]: "ipv6": duplicates bgp.connections[0].addressFamilies[0]',
    ],
    [
      "an update source of the other family",
      withConnection({ localAddress: A("fd00::1") }),
      'bgp.connections[0].localAddress: "fd00::1": is IPv6 but remoteAddress 10.25.11.11 is IPv4',
    ],
    [
      "an IPv6 router ID",
      withState((s) => ({ ...s, bgp: { ...s.bgp!, routerId: A("fd00::1") } })),
      'bgp.routerId: "fd00::1": is not an IPv4 address (a router ID is)',
    ],
    [
      "two connections with one name",
      withState((s) => ({
        ...s,
        bgp: {
          ...s.bgp!,
          connections: [
            s.bgp!.connections[0],
            { ...s.bgp!.connections[0], remoteAddress: A("10.25.11.12") },
          ],
        },
      })),
      'bgp.connections[1].name: "infra-1": duplicates bgp.connections[0].name',
    ],
    [
      "two connections to one peer",
      withState((s) => ({
        ...s,
        bgp: {
          ...s.bgp!,
          connections: [s.bgp!.connections[0], { ...s.bgp!.connections[0], name: "infra-2" }],
        },
      })),
      'bgp.connections[1].remoteAddress: "10.25.11.11": duplicates bgp.connections[0].remoteAddress',
    ],
    [
      "a hold time under 3 s",
      withConnection({ holdTime: 2 }),
      'bgp.connections[0].holdTime: "2": is not a BGP hold time; use whole seconds from 3 to 65535',
    ],
    [
      "keepalives slower than a third of the hold time",
      withConnection({ holdTime: 9, keepaliveTime: 4 }),
      'bgp.connections[0].keepaliveTime: "4": is not a keepalive interval for this hold time; use whole seconds from 1 to 3 (a third of the hold time)',
    ],
    [
      "a fractional BFD interval",
      withConnection({ bfd: { minTxMs: 300, minRxMs: 0.5, multiplier: 3 } }),
      'bgp.connections[0].bfd.minRxMs: "0.5": is not a BFD interval; use whole milliseconds from 1 to 4294967',
    ],
    [
      "a BFD detect multiplier of 0",
      withConnection({ bfd: { minTxMs: 300, minRxMs: 300, multiplier: 0 } }),
      'bgp.connections[0].bfd.multiplier: "0": is not a BFD detect multiplier; use 1 to 255',
    ],
    [
      "BFD on a router older than 7.15",
      withState((s) => ({
        ...s,
        version: "7.14",
        bgp: {
          ...s.bgp!,
          connections: [
            { ...s.bgp!.connections[0], bfd: { minTxMs: 300, minRxMs: 300, multiplier: 3 } },
          ],
        },
      })),
      'bgp.connections[0].bfd: "7.14": BFD is written for RouterOS 7.15 and later only; upgrade the router, or leave BFD off this connection',
    ],
    [
      "an empty filter rule",
      withState((s) => ({ ...s, filterRules: [{ chain: "infra-in", rule: "  " }] })),
      'filterRules[0].rule: "  ": is empty',
    ],
    [
      "a filter rule with a character RouterOS strings cannot round-trip here",
      withState((s) => ({ ...s, filterRules: [{ chain: "infra-in", rule: "accept \u00e9" }] })),
      'filterRules[0].rule: "accept é": contains U+00E9; use printable ASCII, tab or newline',
    ],
    [
      "the same DNS record twice",
      withState((s) => ({ ...s, dns: [s.dns[0], s.dns[0]] })),
      'dns[1]: "traefik.lab.local 10.8.31.10": duplicates dns[0]',
    ],
  ])("%s", (_what, render, line) => {
    expect(render).toThrow(problems(line));
  });

  test("every problem is reported at once", () => {
    const render = withState((s) => ({
      ...s,
      version: "7",
      stack: "",
      dns: [{ ...s.dns[0], name: "" }],
    }));
    expect(render).toThrow(
      problems(
        'version: "7": is not a RouterOS v7 version; expected 7.<minor> or 7.<minor>.<patch>, e.g. "7.19"',
        "stack: \"\": is not usable as a managed-by marker; use 1-63 letters, digits, '_' or '-', starting with a letter or digit",
        "dns[0].name: \"\": is not a valid DNS name; use lowercase labels of letters, digits and '-', separated by '.'",
      ),
    );
  });
});
