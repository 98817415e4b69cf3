// The Pulumi program: load and validate the site, then provision it. Kept thin on purpose:
// every address comes from addressing/, every resource from components/.
import { deploySite } from "./components/deploy";
import { renderInventory } from "./render/inventory";
import { proxmoxApiToken, requireStackPlan } from "./site/pulumi-config";

const plan = requireStackPlan();
const deployment = deploySite(plan, proxmoxApiToken());

/** The address plan as Markdown, the same text the offline preview writes to inventory.md. */
export const inventory = renderInventory(plan);
export const site = plan.site;
export const zone = deployment.zone.zoneId;
export const vnets = deployment.vnets.map((v) => v.vnetId);
export const sdnDigest = deployment.apply.digest;
