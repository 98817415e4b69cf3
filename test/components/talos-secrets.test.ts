// The kubeconfig is a Pulumi secret on the component itself (pulumi.isSecret), not only "[secret]"
// in the preview's record (test/components/talos.test.ts covers the machine configs there).
import * as pulumi from "@pulumi/pulumi";
import { TalosCluster } from "../../components/talos-cluster";
import { DEFAULT_TALOS } from "../../addressing/site";

const isSecret = (o: pulumi.Output<unknown>): Promise<boolean> =>
  (pulumi.isSecret as (o: pulumi.Output<unknown>) => Promise<boolean>)(o);

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: { ...args.inputs, stdout: `stdout of ${args.name}` },
      }),
      call: (args) => args.inputs,
    },
    "homelab",
    "secrets",
    false,
  );
});

test("the kubeconfig output is a Pulumi secret, with the command's stdout as its value", async () => {
  const cluster = new TalosCluster("c", {
    cluster: "k101",
    endpoint: "https://10.101.0.250:6443",
    settings: DEFAULT_TALOS,
    isoFiles: { pve01: "local:iso/talos.iso" },
    managedBy: "managed-by homelab/test",
    nodes: [
      {
        name: "k101cp11",
        id: 11,
        role: "controlplane",
        host: "pve01",
        vmId: 10111,
        cores: 4,
        memory: 8192,
        disk: 40,
        nics: [{ bridge: "vnet101", mac: "02:00:65:00:0b:00" }],
        patch: "machine: {}\n",
        address: "10.101.0.11",
      },
    ],
  });
  expect(await isSecret(cluster.kubeconfig)).toBe(true);
  const value = await new Promise((resolve) => cluster.kubeconfig.apply(resolve));
  expect(value).toBe("stdout of c-kubeconfig");
});
