import { programLabels } from '../../../core/domain';
import { procedures } from '../../../core/procedures';
import type { PaletteEntry } from '../components/shell/CommandPalette';
import { useProceduresStore } from '../stores/procedures-store';
import { useUiStore } from '../stores/ui-store';
import { useWorkspaceStore } from '../stores/workspace-store';

/**
 * Procedures matching what was typed: a code ("T4", "t4"), or every word in the title or
 * summary ("refund", "auto renew"). With a customer open, only their program's can start.
 */
export function procedureEntries(query: string, openProgram: string | null): PaletteEntry[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const code = words.length === 1 ? words[0]?.toUpperCase() : undefined;
  const byCode = procedures.filter((procedure) => procedure.code === code);
  const byWords =
    words.join('').length < 3
      ? []
      : procedures.filter((procedure) => {
          const text = `${procedure.title} ${procedure.summary}`.toLowerCase().replace(/-/g, ' ');
          return procedure.code !== code && words.every((word) => text.includes(word.replace(/-/g, ' ')));
        });
  return [...byCode, ...byWords].map((procedure) => {
    const other = openProgram !== null && procedure.program !== openProgram;
    return {
      key: `procedure:${procedure.code}`,
      kind: 'procedure',
      title: `${procedure.code} ${procedure.title}`,
      detail: `${programLabels[procedure.program]} · ${openProgram === null ? 'choose the customer next' : procedure.summary}`,
      ...(other ? { unavailable: `A ${programLabels[procedure.program]} procedure: the open customer is in another program.` } : {}),
    };
  });
}

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
