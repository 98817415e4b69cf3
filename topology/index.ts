// The topology layer: plan -> devices, segments, sessions, manual steps (see types.ts).
export * from "./types";
export { buildTopology } from "./build";
export type { TopologyResult } from "./build";
export { filterAccepts } from "./checks";
export {
  EDGE_BFD,
  EDGE_TIMERS,
  EDGE_TIMERS_NO_BFD,
  MULTIHOP_TTL,
  ROUTEROS_EDGE_TIMERS,
  ROUTEROS_EDGE_TIMERS_NO_BFD,
  holdersByAddress,
  speaksBgp,
} from "./sessions";
export { ROUTEROS_BFD_MINOR, routerOsHasBfd } from "./routers";
export { macFor, talosNicName, talosVip } from "./nodes";
export { fabricLoopback, DEFAULT_MTU } from "./hosts";
export { lbBlocks, poolPrefixes, usableRange } from "./pools";
export type { LbBlock } from "./pools";
export { siteFlows, flowText, IMAGE_MIRRORS, IMAGE_HOSTS, TALOS_REGISTRIES } from "./flows";
export type { SiteFlow, FlowProtocol } from "./flows";
export { checkFlow, flowProblems } from "./flow-check";
export type { FlowQuery, FlowResult } from "./flow-check";
