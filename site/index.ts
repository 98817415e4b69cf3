// load -> plan -> validate: the whole pure pipeline from raw stack config to a checked Plan.
import { plan } from "../addressing/plan";
import { Plan } from "../addressing/plan-types";
import { Problem, SiteError } from "../addressing/problems";
import { validateIds, validateRest } from "../addressing/validate";
import { checkServiceIps, ServiceIpAssignment } from "../render/cilium/check";
import { lbPoolInputs } from "../render/cilium/inputs";
import { loadSite } from "./load";
import { secretProblems } from "./secrets";

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

export type ResolveResult = { ok: true; plan: Plan } | { ok: false; problems: Problem[] };

/** Every problem of a site, or its validated plan. `raw` holds the `homelab:*` keys without prefix. */
export function resolveSite(raw: Record<string, unknown>): ResolveResult {
  const loaded = loadSite(raw);
  if (!loaded.ok) return loaded;
  const derived = plan(loaded.site);
  // Root causes first: a duplicate or out-of-range ID before what is derived from it.
  const problems = [
    ...validateIds(derived.plan),
    ...derived.problems,
    ...validateRest(derived.plan),
    ...checkServiceIps(lbPoolInputs(derived.plan), serviceIpAssignments(derived.plan)),
  ];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan: derived.plan };
}

/**
 * resolveSite for a stack's config: also refuses credentials that arrive in plain text.
 * `isSecret` says whether a namespaced key (`homelab:proxmoxApiToken`) arrived as a secret.
 */
export function resolveStackConfig(
  raw: Record<string, unknown>,
  isSecret: (key: string) => boolean,
): ResolveResult {
  const secrets = secretProblems(raw, isSecret);
  const resolved = resolveSite(raw);
  if (secrets.length === 0) return resolved;
  return { ok: false, problems: [...secrets, ...(resolved.ok ? [] : resolved.problems)] };
}

/** As resolveSite, but throws one SiteError listing every problem. */
export function requirePlan(raw: Record<string, unknown>): Plan {
  const result = resolveSite(raw);
  if (!result.ok) throw new SiteError(result.problems);
  return result.plan;
}
