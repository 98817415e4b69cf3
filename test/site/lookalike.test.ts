// "Did you mean" for a name that differs from a known one only in case or in look-alike letters
// (trial L20): such a name is the one meant even where edit distance gives up.
import { closest } from "../../site/schema";
import { foldLookalikes, lookalikeNote } from "../../site/lookalike";

test.each([
  // Cyrillic ѕ, е and е: three edits away, more than the 2 a 6-letter name allows, yet the
  // same to a reader.
  ["ѕеrvеr", ["server", "service"], "server"],
  // Fullwidth letters and digits (NFKC).
  ["ｐｖｅ０２", ["pve01", "pve02"], "pve02"],
  ["PVE02", ["pve01", "pve02"], "pve02"],
  // Greek ο in k8s-prοd.
  ["k8s-prοd", ["k8s-prod", "k8s-dev"], "k8s-prod"],
  // Still a plain typo where nothing looks alike.
  ["pv1", ["pve1", "pve2"], "pve1"],
  // Nothing alike and nothing near.
  ["storage", ["pve1", "pve2"], undefined],
])("closest(%s, %j) is %s", (key, known, expected) => {
  expect(closest(key, known)).toBe(expected);
});

test("foldLookalikes reads names as they look; lookalikeNote names the code points", () => {
  expect(foldLookalikes("рvе1")).toBe("pve1");
  expect(foldLookalikes("Ｌａｂ‐1")).toBe("lab-1");
  expect(lookalikeNote("рvе1")).toBe(" (U+0440, U+0435 only look like ASCII characters)");
  expect(lookalikeNote("pve1")).toBe("");
});
