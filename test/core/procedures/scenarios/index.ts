// Every scenario with the test file that runs it (the traceability table names both).
import type { Scenario } from '../driver';
import * as hosting from './hosting';
import * as member from './member';
import * as partner from './partner';
import * as techSolutions from './techsolutions';

export const scenarioFiles: readonly Readonly<{ file: string; scenarios: readonly Scenario[] }>[] = [
  techSolutions,
  partner,
  hosting,
  member,
];
