// The Talos releases this program renders for, and the Kubernetes minors each supports. Pure.
// Source: Talos' support matrix (docs.siderolabs.com/talos/v1.12/getting-started/support-matrix:
// 1.12 runs Kubernetes 1.30-1.35, 1.11 runs 1.29-1.34) and, for 1.13,
// pkg/machinery/constants/constants.go at tag v1.13.9 (DefaultKubernetesVersion 1.36.3,
// SupportedKubernetesVersions 6: 1.31-1.36). Each minor here has our schema of its documents in
// test/render/talos-doc-schema.ts (a test fails when one is missing).
import { Builder } from "./builder";

/** Talos minor -> the oldest and newest Kubernetes minor (1.x) it runs. */
export const TALOS_KUBERNETES: Readonly<Record<string, readonly [number, number]>> = {
  "v1.11": [29, 34],
  "v1.12": [30, 35],
  "v1.13": [31, 36],
};

/**
 * The Cilium chart minors this program renders for and checks against (`talos.ciliumVersion`):
 * render/cilium/objects.ts emits `cilium.io/v2` CiliumBGPClusterConfig, CiliumBGPPeerConfig,
 * CiliumBGPAdvertisement and CiliumLoadBalancerIPPool (the API versions of Cilium 1.18 to 1.20;
 * the BGP objects are served as cilium.io/v2 from 1.18, older releases have them as v2alpha1 or
 * not at all), checked against @kubernetes-models/cilium 4.0.0's CRD schemas
 * (test/render/cilium-schema.ts), and the agent's capability list of the charts 1.18.4, 1.18.12,
 * 1.19.6 and 1.20.0
 * (ciliumAgentCapabilities). A newer minor is refused too: its chart's default capability list,
 * which the rendered list replaces, is unread.
 */
export const CILIUM_MINORS = ["1.18", "1.19", "1.20"] as const;

/**
 * Checks `talos.ciliumVersion` against CILIUM_MINORS. A version that is not `X.Y.Z` is left to
 * the schema's check.
 */
export function checkCiliumVersion(b: Builder, version: string): void {
  const m = /^([0-9]+\.[0-9]+)\.[0-9]+$/.exec(version);
  if (!m || (CILIUM_MINORS as readonly string[]).includes(m[1])) return;
  const first = CILIUM_MINORS[0];
  const last = CILIUM_MINORS[CILIUM_MINORS.length - 1];
  b.problem(
    "talos.ciliumVersion",
    version,
    `is not a Cilium release this program renders for (${first} to ${last}: its cilium.io/v2 BGP and LoadBalancer IP pool objects need ${first} or later, and the agent capabilities are those of the ${first} to ${last} charts)`,
    `use a ${first}.x to ${last}.x release, like ${last}.0`,
  );
}

const minorOf = (version: string) => /^(v[0-9]+\.[0-9]+)\.[0-9]+$/.exec(version)?.[1];

/**
 * Checks `talos.version` against the releases above and `talos.kubernetesVersion` against the
 * range that release supports. A version that is not `vX.Y.Z` is left to the schema's check.
 */
export function checkTalosVersions(
  b: Builder,
  talos: { readonly version: string; readonly kubernetesVersion: string },
): void {
  const minor = minorOf(talos.version);
  const k8s = /^v([0-9]+)\.([0-9]+)\.[0-9]+$/.exec(talos.kubernetesVersion);
  if (minor === undefined) return;
  const range = TALOS_KUBERNETES[minor];
  const known = Object.keys(TALOS_KUBERNETES);
  if (!range) {
    b.problem(
      "talos.version",
      talos.version,
      `is not a Talos release this program renders for (${known.join(", ")})`,
      `use a ${known[known.length - 1]}.x release`,
    );
    return;
  }
  if (!k8s) return;
  const [major, n] = [Number(k8s[1]), Number(k8s[2])];
  if (major !== 1 || n < range[0] || n > range[1]) {
    b.problem(
      "talos.kubernetesVersion",
      talos.kubernetesVersion,
      `Talos ${minor} runs Kubernetes 1.${range[0]} to 1.${range[1]}`,
      `pick a Kubernetes 1.${range[0]}-1.${range[1]} release, or another talos.version`,
    );
  }
}
