// Inventory section of the cloud-init VMs (Linux nodes and plain VMs): where each runs, its image
// and size, then every interface with its MAC, network, MTU and addresses, and every route, as the
// rendered network config sets them (the same topology devices it is rendered from).
import { Plan } from "../../addressing/plan-types";
import { DataDisk } from "../../addressing/site";
import { isDefault } from "../../topology/routes";
import { Device, Topology } from "../../topology/types";
import { section, table, text } from "./table";

interface Row {
  readonly device: Device;
  readonly host: string;
  readonly vmId: number;
  readonly image: string;
  readonly size: string;
  readonly role: string;
}

/**
 * A VM's data disks after its boot disk's GiB, as the VM resource sets them (components/
 * cloud-init-vm.ts): data disk i is scsi<i+1>, on the boot disk's datastore unless it names one,
 * backed up by vzdump unless `backup: false`. ` + scsi1 100, scsi2 500 on tank (no backup)`.
 */
function dataDisks(disks: readonly DataDisk[]): string {
  if (disks.length === 0) return "";
  const each = disks.map(
    (d, i) =>
      `scsi${i + 1} ${d.size}${d.datastore ? ` on ${d.datastore}` : ""}${d.backup === false ? " (no backup)" : ""}`,
  );
  return ` + ${each.join(", ")}`;
}

function rows(plan: Plan, t: Topology): Row[] {
  const byName = new Map(t.devices.map((d) => [d.name, d]));
  const nodes = plan.tenants.flatMap((tenant) => {
    const k = tenant.kubernetes;
    if (!k || k.nodeOs !== "linux") return [];
    return k.nodes.flatMap((n, i): Row[] => {
      const d = byName.get(n.name);
      const vm = k.vms[i];
      return d && vm
        ? [
            {
              device: d,
              host: vm.host,
              vmId: vm.vmId,
              image: k.linux.image,
              size: `${vm.cores} / ${vm.memory} / ${vm.disk}`,
              role: `${n.role} of ${k.name} (FRR)`,
            },
          ]
        : [];
    });
  });
  const vms = plan.vms.flatMap((vm): Row[] => {
    const d = byName.get(vm.name);
    return d
      ? [
          {
            device: d,
            host: vm.host,
            vmId: vm.vmId,
            image: vm.image,
            size: `${vm.cores} / ${vm.memory} / ${vm.disk}${dataDisks(vm.disks)}`,
            role: vm.k3s ? "K3s server" : "VM",
          },
        ]
      : [];
  });
  return [...nodes, ...vms];
}

function segmentName(t: Topology, id: string | undefined): string {
  const s = t.segments.find((x) => x.id === id);
  if (!s) return id ?? "-";
  return `${s.name}${s.vlan !== undefined ? ` (VLAN ${s.vlan})` : ""}`;
}

/**
 * The cloud-init VMs with their interfaces and routes, or undefined when the site has none. An
 * address on `lo` that FRR holds is shown there too: the network config puts it on `lo` as well.
 */
export function vmsSection(plan: Plan, t: Topology): string | undefined {
  const list = rows(plan, t);
  if (list.length === 0) return undefined;
  const machines = table(
    ["VM", "Role", "Host", "VM ID", "Image", "Cores / MiB / GiB"],
    list.map((r) => [r.device.name, r.role, r.host, String(r.vmId), r.image, r.size]),
  );
  const nics = table(
    ["VM", "Interface", "MAC", "Network", "MTU", "Addresses"],
    list.flatMap((r) =>
      r.device.interfaces
        .filter((i) => i.kind === "nic" || i.addresses.length > 0)
        .map((i) => [
          r.device.name,
          i.name,
          i.mac ?? "-",
          i.kind === "loopback" ? "loopback" : segmentName(t, i.segment),
          String(i.mtu),
          i.addresses.map((h) => `${h.address}/${h.length}`).join(", ") || "-",
        ]),
    ),
  );
  const routes = table(
    ["VM", "Destination", "Via", "Interface", "Metric", "On-link"],
    list.flatMap((r) =>
      r.device.routes
        .filter((x) => x.carrier === "cloud-init")
        .map((x) => [
          r.device.name,
          isDefault(x.dst) ? `${x.dst} (default)` : x.dst.toString(),
          text(x.via?.toString()),
          text(x.dev),
          x.metric !== undefined ? String(x.metric) : "-",
          x.onLink ? "yes" : "-",
        ]),
    ),
  );
  return section("## Virtual machines (cloud-init)", [
    "Linux VMs this program creates from a pinned cloud image; each boots with the user data and network config v2 written to `cloud-init/<vm>/` by the preview. NICs are matched by MAC and renamed to these names.",
    machines,
    `### Interfaces\n\n${nics}`,
    `### Routes\n\n${routes}`,
  ]);
}
