import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { articleSteps, procedureFor, procedures } from '../../../core/procedures';
import type { Procedure } from '../../../core/procedures';
import { buildTraceability } from '../../../core/procedures/traceability';
import { scenarioCoverage } from './coverage';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the traceability table', () => {
  const generated = buildTraceability({ articleSteps, procedures, coverage: scenarioCoverage() });

  it('is committed as generated (run npm run traceability after changing steps, definitions or scenarios)', () => {
    const committed = readFileSync(join(root, 'core/procedures/TRACEABILITY.md'), 'utf8');
    expect(committed).toBe(generated.markdown);
  });

  it('maps every step of all five articles to a procedure step, and every procedure has a source', () => {
    expect(generated.problems).toEqual([]);
    expect(new Set(articleSteps.map((s) => s.seed)).size).toBe(5);
  });

  it('names a test for every article step', () => {
    expect(generated.markdown).not.toMatch(/\| — \|$/m);
  });

  it('fails for an article step no procedure step covers, and for a procedure without a source', () => {
    const t1 = procedureFor('T1');
    const uncovered = { ...t1, steps: t1.steps.map((s) => ({ ...s, covers: s.covers.filter((c) => c !== '000.billing.2') })) } as Procedure;
    const sourceless = { ...procedureFor('T2'), source: { seed: '', heading: '' } } as Procedure;
    const { problems } = buildTraceability({ articleSteps, procedures: [uncovered, sourceless], coverage: new Map() });
    expect(problems).toContain('T2 has no source');
    expect(problems.some((p) => p.startsWith('Article step 000.billing.2 '))).toBe(true);
  });

  it('quotes every article step verbatim (checked against the seed articles where they are present)', () => {
    const seeds = resolve(root, '../shared/seeds');
    const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
    const missing = existsSync(seeds)
      ? articleSteps.filter((s) => !normalise(readFileSync(join(seeds, s.seed), 'utf8')).includes(normalise(s.quote))).map((s) => s.id)
      : [];
    expect(missing).toEqual([]);
  });
});
