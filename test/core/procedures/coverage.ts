// Which test goes through which procedure step: the scenarios are replayed and the steps
// each one completed are read from its run. Shared by the traceability script and its test.
import type { StepCoverage } from '../../../core/procedures/traceability';
import { runScenario, stepsDone } from './driver';
import { scenarioFiles } from './scenarios';

export function scenarioCoverage(): StepCoverage {
  const coverage = new Map<string, string[]>();
  for (const { file, scenarios } of scenarioFiles) {
    const label = (name: string) => `${file.replace(/^test\/core\/procedures\//, '')} › ${name}`;
    for (const scenario of scenarios) {
      const { run } = runScenario(scenario);
      for (const stepId of stepsDone(run)) {
        const key = `${scenario.code}.${stepId}`;
        coverage.set(key, [...(coverage.get(key) ?? []), label(scenario.name)]);
      }
    }
  }
  return coverage;
}
