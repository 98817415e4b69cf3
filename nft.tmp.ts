import { requireSite } from "./site";
import { stackRaw } from "./test/fixtures/base";
import { renderNftables } from "./render/nftables/ruleset";
const stack = process.argv[2];
const p = requireSite(stackRaw(stack)).topology.policy!;
const point = p.points.find((x) => x.kind !== "proxmox")!;
process.stdout.write(
  renderNftables(p, point, { router: point.device, stack, standIn: point.kind === "manual" }),
);
