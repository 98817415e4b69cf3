// Letters that look like ASCII ones, for "did you mean": a name typed with a Cyrillic "а" or a
// Greek "ο" (a keyboard layout left on, a name pasted from a chat) looks right and names nothing.

/**
 * Cyrillic and Greek letters whose glyphs are those of ASCII letters (Unicode's confusables.txt,
 * the lowercase letters of the two scripts that map to one Latin letter), and the dashes and
 * spaces that look like '-' and ' '.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  һ: "h",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  ѕ: "s",
  т: "t",
  у: "y",
  х: "x",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ӏ: "l",
  α: "a",
  β: "b",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2212": "-",
  "\u00a0": " ",
};

/**
 * `text` as it reads: lowercase, Unicode compatibility forms folded (NFKC: fullwidth `ｐｖｅ１` is
 * `pve1`), look-alike letters as their ASCII letter. Two names that fold alike differ only in
 * case or in letters a reader cannot tell apart.
 */
export function foldLookalikes(text: string): string {
  return [...text.normalize("NFKC").toLowerCase()].map((c) => LOOKALIKES[c] ?? c).join("");
}

/**
 * The characters of `text` that are not what they look like, for a fix that would otherwise
 * read "did you mean pve1?" of "рvе1": ` (U+0440, U+0435 only look like ASCII letters)`; empty
 * when there are none.
 */
export function lookalikeNote(text: string): string {
  const odd = [...new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f))];
  if (odd.length === 0) return "";
  const codes = odd.map(
    (c) => `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`,
  );
  return ` (${codes.join(", ")} only look like ASCII characters)`;
}
