// A cluster's nodes (and a VM that sets none of its own) are given the talos.nameservers of the families they have addresses in; one
// left with none is refused (test/fixtures/invalid/talos-resolvers-other-family.yaml, an
// IPv4-only cluster with IPv6 resolvers). With one resolver of its family it is accepted, and
// that resolver is the only one its Talos config names.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { talosNodeInputs } from "../../render/talos/inputs";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "invalid", "talos-resolvers-other-family.yaml");

test("IPv6 resolvers only, for an IPv4-only cluster: refused", () => {
  const result = resolveSite(fileRaw(FIXTURE));
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
    'talos.nameservers: "2606:4700:4700::1111, 2606:4700:4700::1001": has only IPv6 resolvers, and the nodes of tenant 20 (lab) have IPv4 addresses only: they would be given no resolver; add an IPv4 resolver to talos.nameservers (e.g. 1.1.1.1), or give the site an IPv6 tenant space (global.tenantSpace.ipv6)',
  ]);
});

test("one IPv4 resolver added: accepted, and the nodes get only that one", () => {
  const raw = fileRaw(FIXTURE) as { talos: { nameservers: string[] } };
  raw.talos.nameservers.push("1.1.1.1");
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  const tenant = result.plan.tenants[0];
  const inputs = talosNodeInputs(result.topology, result.plan, tenant);
  expect(inputs.map((n) => [n.hostname, n.nameservers.map(String)])).toEqual([
    ["lab-cp1", ["1.1.1.1"]],
    ["lab-cp2", ["1.1.1.1"]],
    ["lab-cp3", ["1.1.1.1"]],
  ]);
});

const VM = join(__dirname, "..", "fixtures", "invalid", "vm-resolvers-other-family.yaml");

test("a VM that would inherit only IPv6 resolvers, with IPv4 only: refused", () => {
  const result = resolveSite(fileRaw(VM));
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
    'vms[0].nameservers: "": is not set, and the resolvers nas would take from talos.nameservers (2606:4700:4700::1111) are all of a family it has no address in (it has IPv4 only): it would be given no resolver; set vms[0].nameservers to an IPv4 resolver, e.g. [1.1.1.1]',
  ]);
});

test("the same VM with an IPv4 resolver inherited beside the IPv6 one: accepted, given the IPv4 one", () => {
  const raw = fileRaw(VM) as { talos: { nameservers: string[] } };
  raw.talos.nameservers.push("9.9.9.9");
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  expect(result.plan.vms.map((v) => [v.name, v.nameservers.map(String)])).toEqual([
    ["nas", ["9.9.9.9"]],
    ["pihole", ["1.1.1.1", "9.9.9.9"]],
  ]);
});

const OWN = join(__dirname, "..", "fixtures", "invalid", "vm-nameservers-other-family.yaml");
const EMPTY = join(__dirname, "..", "fixtures", "invalid", "vm-nameservers-empty.yaml");
type VmsRaw = { vms: { nameservers?: string[] }[] };

test("a VM's own resolvers all IPv6, with IPv4 only: refused by the cluster's rule (H4)", () => {
  const result = resolveSite(fileRaw(OWN));
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
    'vms[0].nameservers: "2606:4700:4700::1111, 2606:4700:4700::1001": has only IPv6 resolvers, and nas has IPv4 addresses only: it would be given no resolver; add an IPv4 resolver to vms[0].nameservers (e.g. 1.1.1.1)',
  ]);
});

test("the same VM with 1.1.1.1 added to its own: accepted, given its own list as written", () => {
  const raw = fileRaw(OWN) as VmsRaw;
  raw.vms[0].nameservers?.push("1.1.1.1");
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  expect(result.plan.vms.map((v) => [v.name, v.nameservers.map(String)])).toEqual([
    ["nas", ["2606:4700:4700::1111", "2606:4700:4700::1001", "1.1.1.1"]],
    ["pihole", ["1.1.1.1", "9.9.9.9"]],
  ]);
});

test("an empty nameservers list: refused; without the key the VM takes talos.nameservers' IPv4", () => {
  const refused = resolveSite(fileRaw(EMPTY));
  expect(refused.ok ? [] : refused.problems.map(formatProblem)).toEqual([
    'vms[0].nameservers: "[]": is an empty list: nas would be given no resolver, and could look up no name (its packages, its updates); set vms[0].nameservers to an IPv4 resolver, e.g. [1.1.1.1], or remove it to take talos.nameservers (1.1.1.1)',
  ]);
  const raw = fileRaw(EMPTY) as VmsRaw;
  delete raw.vms[0].nameservers;
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  expect(result.plan.vms.map((v) => [v.name, v.nameservers.map(String)])).toEqual([
    ["nas", ["1.1.1.1"]],
    ["pihole", ["1.1.1.1", "9.9.9.9"]],
  ]);
});

const SITE_EMPTY = join(__dirname, "..", "fixtures", "invalid", "talos-nameservers-empty.yaml");
type TalosRaw = { talos: { nameservers?: string[] } };

test("talos.nameservers: [] with a VM that would inherit it: one refusal, at talos.nameservers", () => {
  const raw = fileRaw(VM) as TalosRaw;
  raw.talos.nameservers = [];
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
    `talos.nameservers: "[]": is an empty list: the Talos nodes, and the VMs that take talos.nameservers, would be given no resolver; list the site's resolvers, e.g. [1.1.1.1], or remove talos.nameservers to take the defaults (1.1.1.1, 2606:4700:4700::1111)`,
  ]);
});

test.each([
  ["[1.1.1.1]", ["1.1.1.1"]],
  ["the key removed (the defaults)", undefined],
])("talos.nameservers: [] replaced by %s: accepted, the IPv4-only nodes get 1.1.1.1", (_, list) => {
  const raw = fileRaw(SITE_EMPTY) as TalosRaw;
  if (list) raw.talos.nameservers = list;
  else delete raw.talos.nameservers;
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  const inputs = talosNodeInputs(result.topology, result.plan, result.plan.tenants[0]);
  expect(inputs.map((n) => [n.hostname, n.nameservers.map(String)])).toEqual([
    ["lab-cp1", ["1.1.1.1"]],
    ["lab-cp2", ["1.1.1.1"]],
    ["lab-cp3", ["1.1.1.1"]],
  ]);
});
