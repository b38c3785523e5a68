import { programLabels } from '../../../core/domain';
import { procedures } from '../../../core/procedures';
import type { PaletteEntry } from '../components/shell/CommandPalette';

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
