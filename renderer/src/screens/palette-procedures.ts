import type { PaletteEntry } from '../components/shell/CommandPalette';

/** Procedures matching the query, by code ("T4") or words of the name ("refund"). */
export function procedureEntries(_query: string): readonly PaletteEntry[] {
  return [];
}

export function runProcedureFromPalette(_code: string): void {}
