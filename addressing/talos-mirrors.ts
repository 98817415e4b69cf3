// talos.registryMirrors across entries: one entry per registry. Pure.
import { Builder } from "./builder";
import { RegistryMirror } from "./site";

/**
 * Refuses a second `talos.registryMirrors` entry for a registry, at the second entry, naming the
 * first. Talos keeps one endpoint list per registry (`machine.registries.mirrors` is a map keyed
 * by registry before v1.12, one `RegistryMirrorConfig` document per registry name from v1.12), so
 * one entry's endpoints would be lost; and the flows the plan checks follow the first entry
 * (topology/flows.ts). The fix is the merged list, the first entry's endpoints first. Registry
 * names are compared as written: the schema allows lower case only, and `ghcr.io:443` is another
 * name to Talos than `ghcr.io`.
 */
export function checkRegistryMirrors(b: Builder, mirrors: readonly RegistryMirror[]): void {
  const first = new Map<string, number>();
  mirrors.forEach((m, i) => {
    const j = first.get(m.registry);
    if (j === undefined) {
      first.set(m.registry, i);
      return;
    }
    const merged = [...new Set([...mirrors[j].endpoints, ...m.endpoints])];
    b.problem(
      `talos.registryMirrors[${i}].registry`,
      m.registry,
      `is mirrored already by talos.registryMirrors[${j}]: Talos keeps one endpoint list per registry, so one entry's endpoints would be lost`,
      `merge the endpoints into talos.registryMirrors[${j}] (endpoints: [${merged.join(", ")}]) and remove talos.registryMirrors[${i}]`,
    );
  });
}
