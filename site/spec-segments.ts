// Config keys for what a site has besides hosts and tenants: VLAN segments (often run by another
// router, e.g. a UniFi gateway), their reserved ranges and pools, static devices, and site notes.
import {
  address,
  field,
  int,
  list,
  obj,
  oneOf,
  prefix,
  range,
  str,
  dnsLabel,
  dnsName,
} from "./schema";
import { planName } from "./spec-policy";

export const RANGE_KINDS = ["reserved", "dhcp", "pool", "static"] as const;

export const segmentsSchema = list(
  obj({
    name: field(
      planName(),
      "Segment name: one segment per name, so not a VLAN tenant's name nor a VNet ID (`vnet<T>`); the policy, flows and firewall know segments by name.",
      {
        required: true,
      },
    ),
    vlan: field(int(1, 4094), "VLAN ID."),
    ipv4: field(prefix(4), "IPv4 prefix."),
    ipv6: field(prefix(6), "IPv6 prefix."),
    mtu: field(
      int(576, 9216),
      "MTU of the segment: its VMs' NICs and the router's VLAN interface take it. 1280 or more when the segment has an IPv6 prefix (RFC 8200 section 5), and at most the MTU of the host bridge that carries it (its `segment:` bridge, or the VM bridge for a segment with a VLAN).",
    ),
    purpose: field(str({ maxLength: 160, freeText: true }), "What the segment is for."),
    nameservers: field(
      list(str()),
      "DNS servers of the segment (IPv4 or IPv6 addresses): a plain VM on it (vms[].networks) takes them unless it sets vms[].nameservers.",
      { defaultText: "[] (VMs fall back to `talos.nameservers`)" },
    ),
    gateway: field(
      obj({
        ipv4: field(address(4, "owner"), "IPv4 gateway."),
        ipv6: field(address(6, "owner"), "IPv6 gateway."),
        owner: field(
          str({ maxLength: 60, freeText: true }),
          "What holds the gateway (e.g. UDM-Pro). When a router of the stack has another address on the segment, the gateway must be that router's address unless the owner names another device.",
        ),
      }),
      "The segment's gateway.",
    ),
    managedBy: field(
      str({ maxLength: 80, freeText: true }),
      "What provisions the segment when this program does not (shown in the site notes).",
    ),
    ranges: field(
      list(
        obj({
          range: field(range(), "start-stop inside the segment.", { required: true }),
          kind: field(
            oneOf(RANGE_KINDS),
            "reserved, dhcp (handed out by a DHCP server this stack does not configure: the inventory lists it under Manual steps), pool (handed out), static.",
            {
              defaultText: "`reserved`",
            },
          ),
          purpose: field(str({ maxLength: 120, freeText: true }), "What the range is for.", {
            required: true,
          }),
          name: field(planName(), "How policy rules name the range (`homelab:policy`)."),
        }),
      ),
      "Ranges of the segment: disjoint; handed-out ranges (dhcp, pool) hold no owned address.",
    ),
  }),
);

export const devicesSchema = list(
  obj({
    name: field(planName(), "Device name.", { required: true }),
    network: field(
      dnsLabel(),
      "A segment name, or management, cephPublic, cephCluster, underlay.",
      { required: true },
    ),
    ipv4: field(address(4), "IPv4 address."),
    ipv6: field(address(6), "IPv6 address."),
    purpose: field(str({ maxLength: 120, freeText: true }), "What it is."),
    inRange: field(
      str({ maxLength: 120, freeText: true }),
      "Purpose of the segment range it is meant to sit in.",
    ),
  }),
);

export const notesSchema = list(str({ maxLength: 600, freeText: true }));

export const dnsSchema = list(
  obj({
    name: field(dnsName(), "Name (e.g. k8s-api.lab.local).", { required: true }),
    address: field(str(), "The address it points at: one the plan owns or hands out.", {
      required: true,
    }),
  }),
);
