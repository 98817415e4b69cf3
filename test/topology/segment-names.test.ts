// Proxmox SDN IDs and segment names (new-user trial M8'): a declared segment named like a tenant's
// segment or VNet, a one-character zone ID and a VNet ID past 8 characters are refused
// (test/fixtures/invalid/segment-name-*.yaml, sdn-zone-id-short.yaml, id-tenant-vnet-id-long.yaml);
// each is accepted mended, and the mended names are the ones the plan and topology carry.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const INVALID = join(__dirname, "..", "fixtures", "invalid");

/** The fixture's raw config after `edit`, resolved: its problems, and the plan when accepted. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach into raw YAML
type Raw = Record<string, any>;

function resolved(file: string, edit: (raw: Raw) => void) {
  const raw: Raw = fileRaw(join(INVALID, file));
  edit(raw);
  return resolveSite(raw);
}

test("a segment named like the tenant's VLAN segment, renamed: accepted, both zones distinct", () => {
  const result = resolved("segment-name-tenant.yaml", (raw) => (raw.segments[0].name = "lab30"));
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  expect(result.topology.segments.map((s) => `${s.name} ${s.path}`)).toEqual([
    "management global.management",
    "lab tenants[0]",
    "lab30 segments[0]",
  ]);
});

test("a segment named like tenant 101's VNet, renamed: accepted", () => {
  const result = resolved("segment-name-vnet.yaml", (raw) => (raw.segments[0].name = "store"));
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  expect(result.topology.segments.map((s) => `${s.name} ${s.path}`)).toEqual([
    "management global.management",
    "vnet101 tenants[0]",
    "store segments[0]",
  ]);
});

test("a two-character zone ID: accepted, and the plan's zone is it", () => {
  const result = resolved("sdn-zone-id-short.yaml", (raw) => (raw.sdn.zone = "z1"));
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (result.ok) expect(result.plan.sdn.zone).toBe("z1");
});

test("tenant 9999 on a VNet: accepted, its VNet ID vnet9999 (8 characters)", () => {
  const result = resolved("id-tenant-vnet-id-long.yaml", (raw) => (raw.tenants[0].id = 9999));
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (result.ok) expect(result.plan.tenants.map((t) => t.vnet?.id)).toEqual(["vnet9999"]);
});
