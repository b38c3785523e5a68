import { procedures } from '../../../core/procedures';
import { useProceduresStore } from '../stores/procedures-store';
import { useUiStore } from '../stores/ui-store';
import { useWorkspaceStore } from '../stores/workspace-store';

export { procedureEntries } from '../lib/procedure-search';

/**
 * With a customer open, starts the procedure for them. Without one, the palette asks for the
 * customer first (for H1 that is the article's second way in: the product overview).
 */
export function chooseProcedure(code: string): 'started' | 'needs-customer' {
  const customerId = useWorkspaceStore.getState().customerId;
  if (!customerId) return 'needs-customer';
  useUiStore.getState().navigate({ screen: 'console' });
  void useProceduresStore.getState().start(customerId, code);
  return 'started';
}

export function entryPointWithoutCustomer(code: string): string | undefined {
  const procedure = procedures.find((p) => p.code === code);
  return procedure?.entryPoints.find((entry) => entry.id === 'product-overview')?.id;
}
