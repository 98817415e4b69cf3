// The inventory's manual steps (manual-steps.json), as far as the twin applies them: a NIC MTU on
// a host ("set MTU 9000 on eno2 and eno3 (...)") and the VLAN a router's interface carries
// ("interface vlan101 carries VLAN 101 (...)"). The twin does what the step says; every other
// step is listed as not applied.
import { ArtifactMap } from "../readback/folder";

/** `<device>/<nic>` -> MTU in bytes. */
export type ManualMtu = ReadonlyMap<string, number>;

/** The manual steps the twin applies (NIC MTUs, router VLANs) and the rest, one line each. */
export interface ManualSteps {
  readonly mtu: ManualMtu;
  /** `<router>/<interface>` -> VLAN ID. */
  readonly vlans: ReadonlyMap<string, number>;
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
  for (const s of steps) {
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
  return { mtu, vlans, other };
}
