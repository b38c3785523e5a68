// M4 "What may this caller do?": the seed 004 matrix, answered with its notes.
import { capabilities, type Capability, type CapabilityAnswer } from '../catalogue/capabilities';
import { permissionLevelLabels, permissionLevels, type PermissionLevel } from '../records';
import { fail, pass, type RuleResult } from './result';

const answerWords: Readonly<Record<CapabilityAnswer, string>> = {
  yes: 'yes',
  no: 'no',
  limited: 'yes, limited',
  'upon-request': 'upon request',
};

export type CapabilityLookup = {
  capability: Capability;
  level: PermissionLevel;
  answer: CapabilityAnswer;
  /** The article's row is ambiguous for this level: the answer is the reading taken (see `Capability.ambiguity`). */
  ambiguous: boolean;
  /** The ambiguity first (where there is one), then the cell's qualifier, then the row's notes. */
  notes: string[];
  /** One sentence for the agent, e.g. "Manager/Supervisor — Receive Software download links: upon request." */
  message: string;
};

export function mayDo(level: string, capabilityId: string): RuleResult<CapabilityLookup> {
  const capability = capabilities.find((c) => c.id === capabilityId);
  if (!capability) return fail('capability_unknown', `"${capabilityId}" is not in the permission matrix.`, 'capabilityId');
  if (!(permissionLevels as readonly string[]).includes(level)) {
    return fail('level_unknown', `"${level}" is not a portal permission level.`, 'level');
  }
  const lvl = level as PermissionLevel;
  const c: Capability = capability;
  const answer = c.answers[lvl];
  const ambiguity = c.ambiguity?.levels.includes(lvl) ? c.ambiguity : undefined;
  // The ambiguity first, so the agent does not read the answer out as the article's.
  const notes = [ambiguity?.note, c.levelNotes?.[lvl], c.notes].filter((n): n is string => n !== undefined);
  return pass({
    capability: c,
    level: lvl,
    answer,
    ambiguous: ambiguity !== undefined,
    notes,
    message: `${permissionLevelLabels[lvl]} — ${c.label}: ${answerWords[answer]}${ambiguity ? ' (our reading; the article is ambiguous here)' : ''}.`,
  });
}
