// A cluster announced by BGP names its CiliumBGPAdvertisement `<cluster>-lb` and labels it with
// that name; a Kubernetes label value is at most 63 characters. A 61-character cluster name is
// refused at the name (test/fixtures/invalid/name-cluster-label-too-long.yaml); with 60 it is
// accepted, and the rendered label value is 63 characters, a valid label value.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { announcementInput } from "../../render/cilium/inputs";
import { advertisementName, announcementObjects } from "../../render/cilium/objects";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";
import { schemaErrors } from "./cilium-schema";

const FIXTURE = join(__dirname, "..", "fixtures", "invalid", "name-cluster-label-too-long.yaml");
const NAME60 = `lab-${"a".repeat(56)}`;
// Kubernetes "Labels and Selectors": at most 63 characters, alphanumerics at both ends,
// '-', '_' and '.' between.
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

type Raw = { tenants: { kubernetes: { name: string } }[] };

test("a 60-character cluster name: accepted, its advertisement label value 63 characters", () => {
  const raw = fileRaw(FIXTURE) as Raw;
  raw.tenants[0].kubernetes.name = NAME60;
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  const objects = announcementObjects(announcementInput(result.topology, result.plan.tenants[0]));
  const ad = objects.find((o) => o.kind === "CiliumBGPAdvertisement");
  expect(ad?.metadata).toEqual({
    name: `${NAME60}-lb`,
    labels: { "homelab/bgp-advertisement": `${NAME60}-lb` },
  });
  expect(advertisementName(NAME60).length).toBe(63);
  expect(LABEL_VALUE.test(advertisementName(NAME60))).toBe(true);
  expect(schemaErrors(objects)).toEqual(objects.map(() => null));
});
