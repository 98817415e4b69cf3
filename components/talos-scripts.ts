// The shell scripts `@pulumi/command` runs with talosctl. They are constants: every value reaches
// them through environment variables, so no config value is ever spliced into shell text. Each
// script works in a private temporary directory that is removed on exit, so secrets never stay
// on disk.

const PREAMBLE = `set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
`;

// Writes the cluster secrets and a talosconfig for $NODE into $d.
const TALOSCONFIG = `printf '%s' "$TALOS_SECRETS" > "$d/secrets.yaml"
"$TALOSCTL" gen config "$CLUSTER" "$ENDPOINT" --with-secrets "$d/secrets.yaml" \\
  --output-types talosconfig --output "$d/talosconfig" >/dev/null
export TALOSCONFIG="$d/talosconfig"
"$TALOSCTL" config endpoint "$NODE" >/dev/null
"$TALOSCTL" config node "$NODE" >/dev/null
`;

/** Generates the cluster's secrets bundle once; stdout is kept as a Pulumi secret. */
export const GEN_SECRETS = `${PREAMBLE}"$TALOSCTL" gen secrets --output-file "$d/secrets.yaml" >/dev/null
cat "$d/secrets.yaml"
`;

/** A node's full machine config: the plan-derived patch (stdin) on top of the generated base. */
export const GEN_CONFIG = `${PREAMBLE}printf '%s' "$TALOS_SECRETS" > "$d/secrets.yaml"
cat > "$d/patch.yaml"
"$TALOSCTL" gen config "$CLUSTER" "$ENDPOINT" --with-secrets "$d/secrets.yaml" \\
  --config-patch "@$d/patch.yaml" --output-types "$ROLE" \\
  --talos-version "$TALOS_VERSION" --kubernetes-version "$KUBERNETES_VERSION" \\
  --install-image "$INSTALL_IMAGE" --install-disk "$INSTALL_DISK" \\
  --output "$d/machine.yaml" >/dev/null
cat "$d/machine.yaml"
`;

/** Bootstraps etcd on the first control-plane node, retrying while the node boots and installs. */
export const BOOTSTRAP = `${PREAMBLE}${TALOSCONFIG}i=0
until "$TALOSCTL" bootstrap; do
  i=$((i + 1))
  [ "$i" -lt 60 ] || { echo "bootstrap of $NODE did not succeed in 10 minutes" >&2; exit 1; }
  sleep 10
done
`;

/** The admin kubeconfig; stdout is kept as a Pulumi secret. */
export const KUBECONFIG = `${PREAMBLE}${TALOSCONFIG}"$TALOSCTL" kubeconfig "$d/kubeconfig" --force >/dev/null
cat "$d/kubeconfig"
`;

/** Applies a changed machine config to a running node (first boot reads it from cloud-init). */
export const APPLY_CONFIG = `${PREAMBLE}${TALOSCONFIG}printf '%s' "$MACHINE_CONFIG" > "$d/machine.yaml"
"$TALOSCTL" apply-config --file "$d/machine.yaml"
`;

/** Upgrades Talos on one node in place, keeping its data. */
export const UPGRADE_TALOS = `${PREAMBLE}${TALOSCONFIG}"$TALOSCTL" upgrade --image "$INSTALL_IMAGE" --preserve --wait
`;

/** Upgrades Kubernetes across the cluster through one control-plane node. */
export const UPGRADE_KUBERNETES = `${PREAMBLE}${TALOSCONFIG}"$TALOSCTL" upgrade-k8s --to "$KUBERNETES_VERSION"
`;

/** A create step that does nothing: the node already boots at this config and version. */
export const NOTHING = ":";
