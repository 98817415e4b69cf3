// All problems at once (issue 20, item 5): a value the loader refuses with a suggested value (a
// prefix with host bits: "did you mean 10.10.20.0/24?", a near-miss word) is replaced by that
// suggestion, and the rest of the pipeline (plan, topology, policy) runs on the result. What it
// finds is what the next run would report once the suggestion is taken, so it is reported now; a
// refused value without a suggestion still stops the pipeline, as everything after it depends on it.
import { Problem } from "../addressing/problems";

/** The suggested value of a problem's fix, when the fix is one (`did you mean <value>?`). */
function suggestion(p: Problem): string | undefined {
  if (/is not a known key|is not read/.test(p.message)) return undefined; // a key, not a value
  return /^did you mean (\S+)\?$/.exec(p.fix ?? "")?.[1];
}

/** `tenants[0].kubernetes.nodes[1].role` as keys and indices. */
function steps(path: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    out.push(part.startsWith("[") ? Number(part.slice(1, -1)) : part);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * A copy of `raw` with each string value a loader problem refuses, and offers one
 * replacement for, replaced by it (only where the value at the problem's path is exactly its
 * input); with the paths replaced. Undefined when no problem offers a replacement.
 */
export function withSuggestedValues(
  raw: Record<string, unknown>,
  problems: readonly Problem[],
): { raw: Record<string, unknown>; paths: Set<string> } | undefined {
  // Only the objects and lists along a replaced path are copied: a site holds large values too.
  const copy: Record<string, unknown> = { ...raw };
  const paths = new Set<string>();
  for (const p of problems) {
    const value = suggestion(p);
    const keys = steps(p.path);
    if (value === undefined || keys === undefined) continue;
    let holder: Record<string | number, unknown> = copy;
    let found = true;
    for (const k of keys.slice(0, -1)) {
      const next = holder[k];
      if (typeof next !== "object" || next === null) {
        found = false;
        break;
      }
      const own = (Array.isArray(next) ? [...next] : { ...next }) as Record<
        string | number,
        unknown
      >;
      holder[k] = own;
      holder = own;
    }
    const last = keys[keys.length - 1];
    if (!found || typeof holder[last] !== "string" || holder[last] !== p.input) continue;
    holder[last] = value;
    paths.add(p.path);
  }
  return paths.size > 0 ? { raw: copy, paths } : undefined;
}

/**
 * A copy of `raw` without the expectations (`expect[N]`) a loader problem refuses and no
 * suggestion repairs, with `kept[k]`, the index in `raw` of the later run's `expect[k]`; undefined
 * when none is left out. An expectation is a leaf: nothing else in the site reads it, so the rest
 * of the pipeline, and the other expectations, are judged as they will be once it is fixed (msgs
 * M4: one refused expectation hid the others' problems).
 */
export function withoutRefusedExpectations(
  raw: Record<string, unknown>,
  problems: readonly Problem[],
  repaired: ReadonlySet<string>,
): { raw: Record<string, unknown>; kept: number[] } | undefined {
  const list = raw.expect;
  if (!Array.isArray(list)) return undefined;
  const refused = new Set(
    problems.flatMap((p) => {
      const m = /^expect\[(\d+)\]/.exec(p.path);
      return m && !repaired.has(p.path) ? [Number(m[1])] : [];
    }),
  );
  if (refused.size === 0) return undefined;
  const kept = list.map((_, i) => i).filter((i) => !refused.has(i));
  return { raw: { ...raw, expect: kept.map((i) => list[i]) }, kept };
}

/** A later run's problem with its `expect[k]` references renumbered as `raw`'s (`kept[k]`). */
export function renumberExpectations(p: Problem, kept: readonly number[]): Problem {
  const renumber = (text: string) =>
    text.replace(/\bexpect\[(\d+)\]/g, (_, k: string) => `expect[${kept[Number(k)] ?? k}]`);
  return {
    ...p,
    path: renumber(p.path),
    message: renumber(p.message),
    ...(p.fix === undefined ? {} : { fix: renumber(p.fix) }),
  };
}
