import { describe, expect, it } from 'vitest';
import { checkScenario } from '../driver';
import { scenarios } from '../scenarios/member';

describe('member scenarios', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const { run } = checkScenario(scenario);
      expect(run.audit?.event.procedure).toBe(scenario.code);
    });
  }
});
