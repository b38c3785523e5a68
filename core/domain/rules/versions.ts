// Optimistic concurrency: edits carry the version they were made against (SPEC §5).
import { fail, pass, type RuleResult } from './result';

export function checkBaseVersion(record: Readonly<{ version: number }>, baseVersion: number): RuleResult {
  if (record.version !== baseVersion) {
    return fail(
      'stale',
      `This record changed since it was loaded (you edited version ${baseVersion}; it is now version ${record.version}). ` +
        'Review the current details and make the change again.',
    );
  }
  return pass();
}
