// The Pulumi program: load and validate the site, then provision it. Kept thin on purpose:
// every address comes from addressing/, every resource from components/.
import { requireStackPlan } from "./site/pulumi-config";
import { renderInventory } from "./render/inventory";

const plan = requireStackPlan();

/** The address plan as Markdown, the same text the offline preview writes to inventory.md. */
export const inventory = renderInventory(plan);
export const site = plan.site;
export const tenants = plan.tenants.map((t) => ({
  id: t.id,
  name: t.name,
  vni: t.vni,
  asn: t.asn,
}));
