import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { articleSteps, procedureFor, procedures } from '../../../core/procedures';
import type { Procedure } from '../../../core/procedures';
import { readAs } from '../../../core/procedures/traceability/read-as';
import { buildTraceability } from '../../../core/procedures/traceability';
import { scenarioCoverage } from './coverage';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the traceability table', () => {
  const generated = buildTraceability({ articleSteps, procedures, coverage: scenarioCoverage() });

  it('is committed as generated (run npm run traceability after changing steps, definitions or scenarios)', () => {
    const committed = readFileSync(join(root, 'core/procedures/traceability/TRACEABILITY.md'), 'utf8');
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

  it('quotes every article step verbatim, checked against the seed articles', () => {
    const seeds = process.env.SEEDS_DIR || join(root, 'seeds');
    const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
    const missing = articleSteps
      .filter((s) => !normalise(readFileSync(join(seeds, s.seed), 'utf8')).includes(normalise(s.quote)))
      .map((s) => s.id);
    expect(missing).toEqual([]);
  });

  it("keeps seeds/ an exact copy of the workplace's articles, where they sit next to the checkout", () => {
    // Next to the main checkout (../shared) or next to a worktree (../../shared); a clean
    // checkout elsewhere has only the copy, which the test above reads.
    const originals = [resolve(root, '../shared/seeds'), resolve(root, '../../shared/seeds')].find((dir) => existsSync(dir));
    const seeds = [...new Set(articleSteps.map((s) => s.seed))];
    expect(seeds.length).toBeGreaterThan(0);
    for (const seed of seeds) {
      expect(existsSync(join(root, 'seeds', seed)), seed).toBe(true);
      if (originals) expect(readFileSync(join(root, 'seeds', seed), 'utf8'), seed).toBe(readFileSync(join(originals, seed), 'utf8'));
    }
  });

  it('has every article step quoted word for word by a procedure step, or marked "read as" with the reason', () => {
    expect(generated.problems).toEqual([]);
    expect(generated.markdown).not.toContain('neither quoted nor read as');
    // H1 Option 2 (seed 002) is quoted, not replaced by a reading of our own.
    for (const id of ['002.option2.2', '002.option2.3', '002.option2.4']) {
      expect(generated.markdown).toMatch(new RegExp(`^\\| ${id.replace(/\./g, '\\.')} \\|.*\\| quoted word for word in H1\\.`, 'm'));
    }
    expect(generated.markdown).toMatch(/^\| 000\.cancel\.3 \|.*\| \*\*read as\*\*: the article repeats T2/m);
  });

  it('fails for an article step that is neither quoted nor read as, for a "read as" without a reason, and for one left on a quoted step', () => {
    const h1 = procedureFor('H1');
    const paraphrased = {
      ...h1,
      steps: h1.steps.map((s) => (s.id === 'customers' ? { ...s, text: 'Open the customer list.' } : s)),
    } as Procedure;
    const others = procedures.filter((p) => p.code !== 'H1');
    const neither = buildTraceability({ articleSteps, procedures: [...others, paraphrased], coverage: new Map() });
    expect(neither.problems).toEqual([
      expect.stringMatching(
        /^Article step 002\.option2\.2 .* is neither quoted word for word by a procedure step nor marked "read as" with a reason$/,
      ),
    ]);
    expect(neither.markdown).toMatch(/^\| 002\.option2\.2 \|.*\| \*\*neither quoted nor read as\*\* \|/m);

    const noReason = buildTraceability({
      articleSteps,
      procedures: [...others, paraphrased],
      coverage: new Map(),
      readAs: { ...readAs, '002.option2.2': '  ' },
    });
    expect(noReason.problems).toHaveLength(1);
    const readAsGiven = buildTraceability({
      articleSteps,
      procedures: [...others, paraphrased],
      coverage: new Map(),
      readAs: { ...readAs, '002.option2.2': 'the console lists the customers itself' },
    });
    expect(readAsGiven.problems).toEqual([]);

    const stale = buildTraceability({
      articleSteps,
      procedures,
      coverage: new Map(),
      readAs: { ...readAs, '002.option2.2': 'no longer true', '999.none': 'x' },
    });
    expect(stale.problems).toEqual([
      '"Read as" names 999.none, which is no article step',
      'Article step 002.option2.2 is quoted word for word but still marked "read as": remove the mark',
    ]);
  });
});
