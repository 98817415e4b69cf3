// The inventory's manual steps (manual-steps.json), as far as the twin applies them: a NIC MTU on
// a host ("set MTU 9000 on eno2 and eno3 (...)") and the VLAN a router's interface carries
// ("interface vlan101 carries VLAN 101 (...)") and the static routes an EVPN exit node's VRF
// needs ("in /etc/frr/frr.conf.local: vrf vrf_x, ip route P N, ..., exit-vrf; ...") and the
// network sysctls of a device ("sysctl net.ipv4.conf.all.rp_filter=2 and ... (loose; ...)", the
// EVPN exit nodes' loose reverse-path filter). The twin does what the step says; every other step
// is listed as not applied.
import { ArtifactMap } from "../readback/folder";

/** `<device>/<nic>` -> MTU in bytes. */
export type ManualMtu = ReadonlyMap<string, number>;

/** The manual steps the twin applies (NIC MTUs, router VLANs) and the rest, one line each. */
export interface ManualSteps {
  readonly mtu: ManualMtu;
  /** `<router>/<interface>` -> VLAN ID. */
  readonly vlans: ReadonlyMap<string, number>;
  /** Static routes in a host's VRF: `<host>` -> prefix -> next hops (one ECMP route each). */
  readonly vrfRoutes: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /**
   * Network sysctls a step sets on a device: `<device>` -> `key=value`, in step order. Only
   * `net.*` keys with a number (what `sysctl -w` in the device's namespace can set); a step with
   * any other key stays among `other`.
   */
  readonly sysctls: ReadonlyMap<string, readonly string[]>;
  /** Steps the twin does not apply, as `<device>: <what>`. */
  readonly other: readonly string[];
}

interface Step {
  readonly device: string;
  readonly what: string;
}

/** Reads manual-steps.json (absent: no steps). Throws when it is not a list of steps. */
export function readManualSteps(files: ArtifactMap): ManualSteps {
  const text = files.get("manual-steps.json");
  const steps = (text ? JSON.parse(text) : []) as Step[];
  if (!Array.isArray(steps)) throw new Error("manual-steps.json: not a list of steps");
  const mtu = new Map<string, number>();
  const vlans = new Map<string, number>();
  const other: string[] = [];
  const vrfRoutes = new Map<string, Map<string, string[]>>();
  const sysctls = new Map<string, string[]>();
  for (const s of steps) {
    const sysctl = /^sysctl ((?:net\.[a-z0-9_.]+=[0-9]+)(?: and net\.[a-z0-9_.]+=[0-9]+)*) \(/.exec(
      s.what,
    );
    if (sysctl) {
      sysctls.set(s.device, [...(sysctls.get(s.device) ?? []), ...sysctl[1].split(" and ")]);
      continue;
    }
    const vrf =
      /^in \/etc\/frr\/frr\.conf\.local: vrf \S+, ((?:ip(?:v6)? route \S+ \S+, )+)exit-vrf;/.exec(
        s.what,
      );
    if (vrf) {
      const byPrefix = vrfRoutes.get(s.device) ?? new Map<string, string[]>();
      for (const m of vrf[1].matchAll(/ip(?:v6)? route (\S+) ([^\s,]+)/g))
        byPrefix.set(m[1], [...(byPrefix.get(m[1]) ?? []), m[2]]);
      vrfRoutes.set(s.device, byPrefix);
      continue;
    }
    const set = /^set ((?:MTU \d+ on [^,(]+(?:, )?)+) \(/.exec(s.what);
    const vlan = /^interface (\S+) carries VLAN (\d+) /.exec(s.what);
    if (set) {
      for (const m of set[1].matchAll(/MTU (\d+) on ([^,(]+)/g)) {
        for (const nic of m[2].split(/, | and /))
          mtu.set(`${s.device}/${nic.trim()}`, Number(m[1]));
      }
    } else if (vlan) {
      vlans.set(`${s.device}/${vlan[1]}`, Number(vlan[2]));
    } else {
      other.push(`${s.device}: ${s.what}`);
    }
  }
  return { mtu, vlans, vrfRoutes, sysctls, other };
}
