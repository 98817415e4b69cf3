// The pinned cloud images (render/cloud-init/images.ts): each entry's URL, datastore file name
// and checksum describe one build of one vendor image, so a bump that changes one and forgets
// another (a new URL with the old checksum, a file name of another build) fails here.
import { CLOUD_IMAGES } from "../../addressing/site";
import { IMAGES } from "../../render/cloud-init/images";
import { IMAGE_HOSTS } from "../../topology/flows";

/** The build a URL names: Debian `YYYYMMDD-NNNN`, Ubuntu `release-YYYYMMDD`. */
const build = (url: string): string | undefined =>
  /\/(\d{8}-\d{4})\//.exec(url)?.[1] ?? /\/release-(\d{8})\//.exec(url)?.[1];

test("every image the spec offers is pinned, and only those", () => {
  expect(Object.keys(IMAGES).sort()).toEqual([...CLOUD_IMAGES].sort());
  expect([...CLOUD_IMAGES]).toEqual(["debian-12", "debian-13", "ubuntu-24.04", "ubuntu-26.04"]);
});

test.each([...CLOUD_IMAGES])("%s: one build in the URL, the file name and the checksum", (name) => {
  const image = IMAGES[name];
  const url = new URL(image.url);
  expect(url.protocol).toBe("https:");
  expect(url.hostname).toBe(IMAGE_HOSTS[name]);
  const b = build(image.url);
  expect(b).toBeDefined();
  expect(image.fileName).toContain(String(b));
  // Proxmox's download-url stores content type `iso` only under .img/.iso names.
  expect(image.fileName).toMatch(/\.img$/);
  // The release in the file name is the image's own (debian-13 -> debian-13-..., ubuntu-26.04 -> ubuntu-26.04-...).
  expect(image.fileName.startsWith(`${name}-`)).toBe(true);
  expect(image.checksum).toMatch(
    image.checksumAlgorithm === "sha512" ? /^[0-9a-f]{128}$/ : /^[0-9a-f]{64}$/,
  );
});

test("the current builds are the ones the docs name", () => {
  expect([IMAGES["debian-13"].url, IMAGES["debian-13"].checksumAlgorithm]).toEqual([
    "https://cloud.debian.org/images/cloud/trixie/20260914-2601/debian-13-generic-amd64-20260914-2601.qcow2",
    "sha512",
  ]);
  expect([IMAGES["ubuntu-26.04"].url, IMAGES["ubuntu-26.04"].checksum]).toEqual([
    "https://cloud-images.ubuntu.com/releases/resolute/release-20260927/ubuntu-26.04-server-cloudimg-amd64.img",
    "8800651811af9a85465ad1d552add729947bb16488dddb4a9b5305a3d97332b2",
  ]);
});
