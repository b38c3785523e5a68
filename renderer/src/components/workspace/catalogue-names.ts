import type { CustomerWorkspace } from '../../../../core/api';

/** Plan and product names by id, from the catalogue that came with the workspace. */
export function catalogueNames(workspace: CustomerWorkspace): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const plan of workspace.catalogue.plans) names.set(plan.id, plan.name);
  for (const product of workspace.catalogue.products) names.set(product.id, product.name);
  return names;
}
