import { describe, expect, it } from 'vitest';
import { checkMutationRole, checkRole, mutationNames, mutationProcedure, procedureCodes, procedureRoles } from '../../../../core/domain';

describe('role policy', () => {
  it('lets both roles run every procedure except refunds', () => {
    for (const code of procedureCodes) {
      expect(checkRole('supervisor', code).ok).toBe(true);
      expect(checkRole('agent', code).ok).toBe(code !== 'P5');
    }
    expect(procedureRoles.P5).toEqual(['supervisor']);
  });

  it('needs a supervisor to refund or disable a reseller, not to enable one', () => {
    expect(checkRole('agent', 'P5')).toMatchObject({ ok: false, code: 'supervisor_required' });
    expect(checkRole('agent', 'P7', 'disable')).toMatchObject({ ok: false, code: 'supervisor_required' });
    expect(checkRole('agent', 'P7', 'enable').ok).toBe(true);
    expect(checkRole('supervisor', 'P7', 'disable').ok).toBe(true);
  });

  it('maps every mutation to its procedure and checks its arguments', () => {
    expect(Object.keys(mutationProcedure).sort()).toEqual([...mutationNames].sort());
    expect(checkMutationRole('agent', 'refund.process', {})).toMatchObject({ ok: false, code: 'supervisor_required' });
    expect(checkMutationRole('agent', 'reseller.setStatus', { status: 'disabled' })).toMatchObject({
      ok: false,
      code: 'supervisor_required',
    });
    expect(checkMutationRole('agent', 'reseller.setStatus', { status: 'enabled' }).ok).toBe(true);
    expect(checkMutationRole('agent', 'audit.record', {}).ok).toBe(true);
    expect(checkMutationRole('admin' as 'agent', 'audit.record', {})).toMatchObject({ ok: false, code: 'role_not_permitted' });
  });
});
