// Explicit service IPs and shared-segment pools, on seed 004's corrected plan and on the mistakes
// its story fixes (infra gateway in the apps pool, apps addresses on 10.25.12.0/24).
import { Problem } from "../../addressing/problems";
import { checkSegmentPools, checkServiceIps } from "../../render/cilium/check";
import { assign, pool, seed004Assignments, seed004Pools, segment } from "./cilium-seed004";

describe("checkServiceIps", () => {
  test("seed 004's corrected assignments pass", () => {
    expect(checkServiceIps(seed004Pools, seed004Assignments)).toEqual([]);
  });

  test("the story's old addresses: one in the other cluster's pool, one in no pool", () => {
    const old = [
      assign(0, "infra", "clustermesh", "kube-system/clustermesh-apiserver", "10.25.11.100"),
      assign(0, "infra", "gateway", "kube-system/cilium-gateway", "10.25.11.120"),
      assign(1, "apps", "clustermesh", "kube-system/clustermesh-apiserver", "10.25.12.100"),
      assign(1, "apps", "gateway", "kube-system/cilium-gateway", "10.25.11.121"),
    ];
    expect(checkServiceIps(seed004Pools, old)).toEqual<Problem[]>([
      {
        path: "clusters[0].serviceIps.gateway",
        input: "10.25.11.120",
        message: "is in pool apps-pool of cluster apps, not in a pool of cluster infra",
        fix: "choose an address in infra-pool (10.25.11.100-10.25.11.119)",
      },
      {
        path: "clusters[1].serviceIps.clustermesh",
        input: "10.25.12.100",
        message: "is not in any LoadBalancer pool of cluster apps",
        fix: "choose an address in apps-pool (10.25.11.120-10.25.11.139)",
      },
    ]);
  });

  test("an address claimed twice is reported at its second claim", () => {
    const twice = [
      assign(1, "apps", "clustermesh", "kube-system/clustermesh-apiserver", "10.25.11.120"),
      assign(1, "apps", "gateway", "kube-system/cilium-gateway", "10.25.11.120"),
    ];
    expect(checkServiceIps(seed004Pools, twice)).toEqual<Problem[]>([
      {
        path: "clusters[1].serviceIps.gateway",
        input: "10.25.11.120",
        message:
          "is already assigned to kube-system/clustermesh-apiserver of cluster apps " +
          "(clusters[1].serviceIps.clustermesh)",
        fix: "give each service its own address",
      },
    ]);
  });

  test("a cluster with no pool gets no fix to choose from", () => {
    const lone = [assign(2, "edge", "gateway", "kube-system/cilium-gateway", "10.25.11.101")];
    expect(checkServiceIps(seed004Pools, lone)).toEqual<Problem[]>([
      {
        path: "clusters[2].serviceIps.gateway",
        input: "10.25.11.101",
        message: "is in pool infra-pool of cluster infra, not in a pool of cluster edge",
        fix: undefined,
      },
    ]);
  });
});

describe("checkSegmentPools", () => {
  test("seed 004's pools lie inside 10.25.11.0/24, apart, clear of the router", () => {
    expect(checkSegmentPools(segment, seed004Pools)).toEqual([]);
  });

  test("the apps pool on the wrong subnet", () => {
    const pools = [seed004Pools[0], pool(1, "apps", "10.25.12.100", "10.25.12.119")];
    expect(checkSegmentPools(segment, pools)).toEqual<Problem[]>([
      {
        path: "clusters[1].pool.blocks[0]",
        input: "10.25.12.100-10.25.12.119",
        message: "is not inside the shared segment 10.25.11.0/24 (segments[0])",
      },
    ]);
  });

  test("overlapping pools, and a pool over the router's address", () => {
    const pools = [
      pool(0, "infra", "10.25.11.100", "10.25.11.129"),
      seed004Pools[1],
      pool(2, "edge", "10.25.11.1", "10.25.11.9"),
    ];
    expect(checkSegmentPools(segment, pools)).toEqual<Problem[]>([
      {
        path: "clusters[1].pool.blocks[0]",
        input: "10.25.11.120-10.25.11.139",
        message:
          "overlaps 10.25.11.100-10.25.11.129 of pool infra-pool (clusters[0].pool.blocks[0])",
      },
      {
        path: "clusters[2].pool.blocks[0]",
        input: "10.25.11.1-10.25.11.9",
        message: "contains 10.25.11.1, the BGP router (segments[0].router)",
      },
    ]);
  });
});
