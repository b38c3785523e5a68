import type { CustomerMatch } from '../../../core/api';
import { programLabels } from '../../../core/domain';
import type { Program } from '../../../core/domain';

export function programLabel(program: string): string {
  return programLabels[program as Program] ?? program;
}

/** What a match is, as the agent names it: its program for a customer, "Reseller", "Staff member of <company>". */
export function matchKindLabel(match: Pick<CustomerMatch, 'kind' | 'program' | 'companyName'>): string {
  switch (match.kind) {
    case 'reseller':
      return `Reseller · ${programLabel(match.program)}`;
    case 'staff':
      return match.companyName ? `Staff member of ${match.companyName}` : 'Staff member of a member company';
    case 'customer':
      return programLabel(match.program);
  }
}

/** A key unique across kinds: a staff member and their company may both be listed. */
export function matchKey(match: Pick<CustomerMatch, 'kind' | 'id'>): string {
  return `${match.kind}:${match.id}`;
}
