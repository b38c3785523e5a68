import { describe, expect, it } from 'vitest';
import { listProcedureRuns, loadProcedureRun, openCache, saveProcedureRun } from '../../../core/cache';

describe('procedure runs', () => {
  it('saves, replaces, loads and lists runs by status, latest first', () => {
    const db = openCache(':memory:');
    saveProcedureRun(db, { runId: 'r1', customerId: 'c1', status: 'active', updatedAt: '2025-01-01T10:00:00.000Z', run: { step: 1 } });
    saveProcedureRun(db, { runId: 'r2', customerId: null, status: 'active', updatedAt: '2025-01-01T11:00:00.000Z', run: { step: 2 } });
    saveProcedureRun(db, { runId: 'r3', customerId: 'c1', status: 'completed', updatedAt: '2025-01-01T12:00:00.000Z', run: {} });
    saveProcedureRun(db, { runId: 'r1', customerId: 'c1', status: 'active', updatedAt: '2025-01-01T12:30:00.000Z', run: { step: 3 } });
    expect(loadProcedureRun(db, 'r1')).toEqual({
      runId: 'r1',
      customerId: 'c1',
      status: 'active',
      updatedAt: '2025-01-01T12:30:00.000Z',
      run: { step: 3 },
    });
    expect(loadProcedureRun(db, 'nope')).toBeUndefined();
    expect(listProcedureRuns(db, ['active']).map((run) => run.runId)).toEqual(['r1', 'r2']);
    expect(listProcedureRuns(db, ['completed']).map((run) => run.runId)).toEqual(['r3']);
  });
});
