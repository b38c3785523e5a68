// The backend suite's PostgreSQL run where PostgreSQL is not installed (vitest.config.ts): one
// skipped test that says why, in place of the suite.
import { it } from 'vitest';
import { postgresMissing } from './postgres-global-setup';

it.skip(postgresMissing, () => undefined);
