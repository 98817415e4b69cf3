// Cloud-init user data (#cloud-config) of a VM: hostname, SSH keys, packages, files and the
// commands that start what the packages installed. Pure text out; the SSH keys are passed in by
// the component, which keeps the result a Pulumi secret whenever they are set.
import { isSeq } from "yaml";
import { portableDocument, portableYaml } from "../yaml";

/** A file cloud-init writes (write_files). */
export interface UserDataFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
  /** Octal mode as text, e.g. "0644". */
  readonly permissions: string;
}

export interface UserDataInput {
  readonly hostname: string;
  /** SSH public keys of the image's default user, one key per entry. */
  readonly sshKeys: readonly string[];
  /** Give root the same keys (cloud-init `disable_root: false`): FRR is delivered as root. */
  readonly rootLogin: boolean;
  /** Debian packages to install on first boot, in order. */
  readonly packages: readonly string[];
  readonly files: readonly UserDataFile[];
  /** Commands run once on first boot (runcmd), each as argv (no shell). */
  readonly commands: readonly (readonly string[])[];
}

/**
 * The user data as `#cloud-config` YAML. Keys follow cloud-init's schema (checked by
 * `cloud-init schema -c` in the tests): hostname with /etc/hosts managed, no password logins, the
 * keys on the default user, packages after an index update, files, then runcmd. cloud-init reads
 * it with PyYAML (YAML 1.1): strings such as a hostname `on` or a package `yes` are quoted.
 */
export function renderUserData(input: UserDataInput): string {
  const doc: Record<string, unknown> = {
    hostname: input.hostname,
    manage_etc_hosts: true,
    ssh_pwauth: false,
    disable_root: !input.rootLogin,
    ...(input.sshKeys.length > 0 ? { ssh_authorized_keys: [...input.sshKeys] } : {}),
    ...(input.packages.length > 0 ? { package_update: true, packages: [...input.packages] } : {}),
    ...(input.files.length > 0
      ? {
          write_files: input.files.map((f) => ({
            path: f.path,
            permissions: f.permissions,
            content: f.content,
          })),
        }
      : {}),
    ...(input.commands.length > 0 ? { runcmd: input.commands.map((c) => [...c]) } : {}),
  };
  // Each runcmd entry is an argv list: one line each ([systemctl, restart, frr]) reads better.
  const yaml = portableDocument(doc);
  const runcmd = yaml.get("runcmd");
  if (isSeq(runcmd)) for (const item of runcmd.items) if (isSeq(item)) item.flow = true;
  return `#cloud-config\n${yaml.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

/** SSH public keys from the secret's text: one per line, blank lines and comments dropped. */
export function sshKeyLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** K3s server config (/etc/rancher/k3s/config.yaml): the keys K3s reads as its CLI flags. */
export interface K3sConfig {
  /** cluster-cidr: one prefix per family, IPv4 first. */
  readonly clusterCidr: readonly string[];
  readonly serviceCidr: readonly string[];
  readonly clusterDns: string;
}

/**
 * The K3s server config as YAML: `cluster-cidr`, `service-cidr` (comma-joined), `cluster-dns`.
 * K3s reads it with Go's go-yaml; portableYaml quotes what that would read as a number.
 */
export function renderK3sConfig(c: K3sConfig): string {
  return portableYaml({
    "cluster-cidr": c.clusterCidr.join(","),
    "service-cidr": c.serviceCidr.join(","),
    "cluster-dns": c.clusterDns,
  });
}
