import { describe, expect, it } from 'vitest';
import { runScenario } from './driver';
import { scenarios } from './scenarios/hosting';

describe('hosting scenarios', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const { run, sent } = runScenario(scenario);
      expect(run.status).toBe(scenario.expect.status);
      if (scenario.expect.outcome) expect(run.outcome).toBe(scenario.expect.outcome);
      if (scenario.expect.mutations) expect(sent.map((m) => m.name)).toEqual(scenario.expect.mutations);
    });
  }
});
