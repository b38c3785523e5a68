// Writes core/procedures/traceability/TRACEABILITY.md: every seed article step → procedure steps → tests.
// It also checks that every quote is verbatim, against the articles in seeds/.
// Usage: npm run traceability            (write)
//        npm run traceability -- --check (fail if the committed file is out of date)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleSteps, procedures } from '../core/procedures';
import { buildTraceability } from '../core/procedures/traceability';
import { scenarioCoverage } from '../test/core/procedures/coverage';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'core/procedures/traceability/TRACEABILITY.md');
// The repository's copy of the articles (seeds/README.md), unless SEEDS_DIR names another.
const seedsDir = process.env.SEEDS_DIR || join(root, 'seeds');

const built = buildTraceability({ articleSteps, procedures, coverage: scenarioCoverage() });
const { markdown } = built;
const problems = [...built.problems];

if (existsSync(seedsDir)) {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  const texts = new Map<string, string>();
  for (const step of articleSteps) {
    if (!texts.has(step.seed)) texts.set(step.seed, normalise(readFileSync(join(seedsDir, step.seed), 'utf8')));
    if (!texts.get(step.seed)!.includes(normalise(step.quote)))
      problems.push(`Article step ${step.id} is not quoted verbatim from ${step.seed}`);
  }
} else {
  problems.push(`Seed articles not found at ${seedsDir}: quotes cannot be checked.`);
}

for (const problem of problems) console.error(problem);
if (process.argv.includes('--check')) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== markdown) {
    console.error('core/procedures/traceability/TRACEABILITY.md is out of date: run npm run traceability.');
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, markdown);
  console.log(`Wrote ${target}`);
}
if (problems.length > 0) process.exitCode = 1;
