// Expected frr.conf text for seed 001 (the `sol` stack), written out in full: reviewing a change
// to the renderer means reviewing the diff of these literals.

/**
 * solcp011 toward the RouterOS 7.19 edge: control plane, so it announces the VIP; BFD on the
 * session (RouterOS runs it from 7.15 on). The same text when the edge runs FRR.
 */
export const SOLCP011 = `! solcp011: rendered by homelab-netcode from the site topology; do not edit
hostname solcp011
!
bgp route-map delay-timer 0
!
ipv6 route fd00:101:cafe::/112 blackhole
!
bfd
 profile edge
  detect-multiplier 3
  receive-interval 300
  transmit-interval 300
 exit
exit
!
interface mesh0
 ipv6 router isis sol-k8s
 isis hello-interval 1
 isis hello-multiplier 3
 isis bfd
 isis bfd profile edge
exit
!
interface lo
 ip address 10.255.101.11/32
 ipv6 address fd00:255:101::11/128
 ipv6 address fd00:255:101::ac/128
 ipv6 router isis sol-k8s
 isis passive
exit
!
router isis sol-k8s
 is-type level-2-only
 net 49.0001.0000.0000.0011.00
 metric-style wide
 lsp-gen-interval 1
 log-adjacency-changes
exit
!
ipv6 prefix-list announce-v6 seq 5 permit fd00:101:cafe::/112
ipv6 prefix-list announce-v6 seq 10 permit fd00:255:101::ac/128
!
route-map announce-v6 permit 10
 match ipv6 address prefix-list announce-v6
exit
route-map deny-all deny 10
exit
!
router bgp 65101
 bgp router-id 10.255.101.11
 no bgp default ipv4-unicast
 coalesce-time 100
 neighbor fd00:101::fffe remote-as 65000
 neighbor fd00:101::fffe description edge
 neighbor fd00:101::fffe ebgp-multihop 2
 neighbor fd00:101::fffe update-source fd00:255:101::11
 neighbor fd00:101::fffe advertisement-interval 0
 neighbor fd00:101::fffe timers 3 9
 neighbor fd00:101::fffe timers connect 5
 neighbor fd00:101::fffe bfd
 neighbor fd00:101::fffe bfd profile edge
 !
 address-family ipv6 unicast
  network fd00:101:cafe::/112
  network fd00:255:101::ac/128
  neighbor fd00:101::fffe activate
  neighbor fd00:101::fffe route-map deny-all in
  neighbor fd00:101::fffe route-map announce-v6 out
 exit-address-family
exit
!
`;

/** The edge as FRR (os: frr): static routes to the loopbacks, one peer-group, seed 001's filter. */
export const EDGE = `! edge: rendered by homelab-netcode from the site topology; do not edit
hostname edge
!
bgp route-map delay-timer 0
!
ipv6 route fd00:255:101::11/128 fd00:101::11
ipv6 route fd00:255:101::12/128 fd00:101::12
ipv6 route fd00:255:101::13/128 fd00:101::13
ipv6 route fd00:255:101::21/128 fd00:101::21
ipv6 route fd00:255:101::22/128 fd00:101::22
ipv6 route fd00:255:101::23/128 fd00:101::23
!
bfd
 profile edge
  detect-multiplier 3
  receive-interval 300
  transmit-interval 300
 exit
exit
!
interface vlan101
 ipv6 address fd00:101::fffe/64
exit
!
ipv6 prefix-list sol-k8s-in-v6 seq 5 deny fc00::/8 le 128
ipv6 prefix-list sol-k8s-in-v6 seq 10 permit fd00:101:cafe::/112 le 128
ipv6 prefix-list sol-k8s-in-v6 seq 15 permit fd00:255:101::ac/128
!
route-map sol-k8s-in-v6 permit 10
 match ipv6 address prefix-list sol-k8s-in-v6
exit
route-map deny-all deny 10
exit
!
router bgp 65000
 bgp router-id 10.255.0.254
 no bgp default ipv4-unicast
 coalesce-time 100
 neighbor sol-k8s peer-group
 neighbor sol-k8s remote-as 65101
 neighbor sol-k8s ebgp-multihop 2
 neighbor sol-k8s update-source fd00:101::fffe
 neighbor sol-k8s advertisement-interval 0
 neighbor sol-k8s timers 3 9
 neighbor sol-k8s timers connect 5
 neighbor sol-k8s bfd
 neighbor sol-k8s bfd profile edge
 neighbor fd00:255:101::11 peer-group sol-k8s
 neighbor fd00:255:101::11 description solcp011
 neighbor fd00:255:101::12 peer-group sol-k8s
 neighbor fd00:255:101::12 description solcp012
 neighbor fd00:255:101::13 peer-group sol-k8s
 neighbor fd00:255:101::13 description solcp013
 neighbor fd00:255:101::21 peer-group sol-k8s
 neighbor fd00:255:101::21 description solwk021
 neighbor fd00:255:101::22 peer-group sol-k8s
 neighbor fd00:255:101::22 description solwk022
 neighbor fd00:255:101::23 peer-group sol-k8s
 neighbor fd00:255:101::23 description solwk023
 !
 address-family ipv6 unicast
  maximum-paths 16
  neighbor sol-k8s activate
  neighbor sol-k8s route-map sol-k8s-in-v6 in
  neighbor sol-k8s route-map deny-all out
 exit-address-family
exit
!
`;
