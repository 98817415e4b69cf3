// load -> plan -> validate: the whole pure pipeline from raw stack config to a checked Plan.
import { evpnUnderlayProblems } from "../addressing/evpn-underlay";
import { plan } from "../addressing/plan";
import { Plan } from "../addressing/plan-types";
import { formatProblem, Problem, SiteError } from "../addressing/problems";
import { Site } from "../addressing/site";
import { validateIds, validateRest } from "../addressing/validate";
import { checkClusterLabels, checkServiceIps, ServiceIpAssignment } from "../render/cilium/check";
import { lbPoolInputs } from "../render/cilium/inputs";
import { plannedUploads, uploadCollisions } from "../render/proxmox/uploads";
import { buildTopology } from "../topology/build";
import { Topology } from "../topology/types";
import { loadSite } from "./load";
import { renumberExpectations, withoutRefusedExpectations, withSuggestedValues } from "./repair";
import {
  enginePaths,
  hideInProblem,
  SecretConfig,
  secretConfig,
  withStandIns,
} from "./secret-paths";
import { secretProblems } from "./secrets";
import { heapLimitMb, sizeProblems } from "./size";

function serviceIpAssignments(p: Plan): ServiceIpAssignment[] {
  return p.tenants.flatMap((t) =>
    (t.kubernetes?.serviceIps ?? []).map((s) => ({
      path: s.path,
      cluster: t.kubernetes?.name ?? "",
      service: s.service,
      address: s.address,
    })),
  );
}

export type ResolveResult =
  { ok: true; plan: Plan; topology: Topology } | { ok: false; problems: Problem[] };

/**
 * Every problem of a site, or its validated plan and topology. `raw` holds the `homelab:*` keys
 * without prefix; with `heapLimitMb`, a site too large for that heap is refused first (site/size.ts).
 * All problems at once (issue 20): a value the loader refuses with a suggested one takes it and
 * the pipeline runs on (withLaterProblems); the policy's names are checked on a plan the address
 * rules refuse (policyNames). The rest of the topology's cross-layer rules run only on a plan the
 * address rules accept (they assume its values are consistent), so those may arrive in a second round.
 */
export function resolveSite(
  raw: Record<string, unknown>,
  options: { heapLimitMb?: number; repaired?: boolean } = {},
): ResolveResult {
  const loaded = loadSite(raw);
  if (!loaded.ok) return withLaterProblems(loaded.problems, raw, options);
  // Before planning: a site the heap cannot hold is refused whole, with its numbers.
  if (options.heapLimitMb !== undefined) {
    const size = sizeProblems(loaded.site, options.heapLimitMb);
    if (size.length > 0) return { ok: false, problems: size };
  }
  const derived = plan(loaded.site);
  // Root causes first: a duplicate or out-of-range ID before what is derived from it.
  const problems = [
    ...validateIds(derived.plan),
    ...derived.problems,
    ...validateRest(derived.plan),
    ...checkServiceIps(lbPoolInputs(derived.plan), serviceIpAssignments(derived.plan)),
    ...checkClusterLabels(derived.plan),
  ];
  if (problems.length > 0)
    return { ok: false, problems: [...problems, ...policyNames(derived.plan, loaded.site)] };
  const built = buildTopology(derived.plan);
  // Needs unique VM IDs (round one), which every planned file name is keyed by.
  const uploads = uploadCollisions(plannedUploads(derived.plan));
  // Needs whole hosts and loopbacks (round one): each host of the EVPN zone on the underlay.
  const underlay = evpnUnderlayProblems(loaded.site, derived.plan);
  if (underlay.length > 0 || built.problems.length > 0 || uploads.length > 0) {
    return { ok: false, problems: [...underlay, ...built.problems, ...uploads] };
  }
  const warned = { ...derived.plan, warnings: [...derived.plan.warnings, ...built.warnings] };
  return { ok: true, plan: warned, topology: built.topology };
}

/**
 * The loader's `problems`, then those the rest of the pipeline finds once each refused value that
 * has a suggested one takes it and each refused expectation is left out (site/repair.ts), but
 * none at a replaced path or already listed.
 */
function withLaterProblems(
  problems: readonly Problem[],
  raw: Record<string, unknown>,
  options: { heapLimitMb?: number; repaired?: boolean },
): ResolveResult {
  if (options.repaired) return { ok: false, problems: [...problems] };
  const repaired = withSuggestedValues(raw, problems);
  const paths = repaired?.paths ?? new Set<string>();
  const trimmed = withoutRefusedExpectations(repaired?.raw ?? raw, problems, paths);
  if (repaired === undefined && trimmed === undefined)
    return { ok: false, problems: [...problems] };
  const later = resolveSite(trimmed?.raw ?? repaired?.raw ?? raw, { ...options, repaired: true });
  const seen = new Set(problems.map(formatProblem));
  const more = later.ok
    ? []
    : later.problems
        .map((p) => (trimmed ? renumberExpectations(p, trimmed.kept) : p))
        .filter((p) => !paths.has(p.path) && !seen.has(formatProblem(p)));
  return { ok: false, problems: [...problems, ...more] };
}

/**
 * The policy's name problems (a rule naming nothing of the plan) of a plan the address rules
 * refuse: names do not depend on addresses, so a typo is not hidden behind a host-bits error. The
 * topology is built regardless of those problems; anything else it finds, or a failure to build
 * on inconsistent values, waits for the next run. A name of a host the plan does not derive (its
 * id or name repeats another's, reported as the duplicate) is not a second problem.
 */
function policyNames(p: Plan, site: Site): Problem[] {
  const refused = new Set(
    site.hosts.map((h) => h.name).filter((n) => !p.hosts.some((h) => h.name === n)),
  );
  try {
    return buildTopology(p).problems.filter(
      (q) =>
        /^policy\.rules\[\d+\]\.(from|to)\b/.test(q.path) &&
        !refused.has(q.input.replace(/^[a-z]+:/, "")),
    );
  } catch {
    return [];
  }
}

/**
 * resolveSite for a stack's config: also refuses credentials that arrive in plain text, a site
 * too large for `heapLimit` MB (default: this process's heap, which registers the resources), and
 * keeps secrets secret. `isSecret` says whether a namespaced key (`homelab:proxmoxApiToken`)
 * arrived as a secret; `paths` are the loader paths of the secret values inside such keys (the
 * stack file's `secure:` values), else each secret key counts as a whole. A secret the offline
 * preview cannot decrypt is checked as its schema's stand-in; no problem or warning quotes a
 * secret's value.
 */
export function resolveStackConfig(
  raw: Record<string, unknown>,
  isSecret: (key: string) => boolean,
  paths: readonly string[] = enginePaths(raw, isSecret),
  heapLimit = heapLimitMb(),
): ResolveResult & { secret: SecretConfig } {
  const checked = withStandIns(raw, paths);
  const secret = secretConfig(checked, paths);
  const hide = (ps: readonly Problem[]) => ps.map((p) => hideInProblem(p, secret));
  const secrets = secretProblems(raw, isSecret);
  const resolved = resolveSite(checked, { heapLimitMb: heapLimit });
  if (secrets.length === 0 && resolved.ok) {
    return {
      ...resolved,
      plan: { ...resolved.plan, warnings: hide(resolved.plan.warnings) },
      secret,
    };
  }
  const problems = [...secrets, ...(resolved.ok ? [] : resolved.problems)];
  return { ok: false, problems: hide(problems), secret };
}

/** As resolveSite, but throws one SiteError listing every problem. */
export function requirePlan(raw: Record<string, unknown>): Plan {
  return requireSite(raw).plan;
}

/** The validated plan and its topology; throws one SiteError listing every problem. */
export function requireSite(raw: Record<string, unknown>): { plan: Plan; topology: Topology } {
  const result = resolveSite(raw);
  if (!result.ok) throw new SiteError(result.problems);
  return { plan: result.plan, topology: result.topology };
}
