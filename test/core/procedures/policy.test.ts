import { describe, expect, it } from 'vitest';
import type { ProcedureCode, ProcedureMode } from '../../../core/domain';
import { procedureRoles } from '../../../core/domain';
import { canStart, needsOnline, procedureFor, procedures } from '../../../core/procedures';
import type { RunData, StartContext } from '../../../core/procedures';
import { offlineRefusal } from '../../../core/procedures/policy';
import { hostingData, memberData, now, partnerData, techSolutionsData } from './fixtures';

function context(data: RunData, overrides: Partial<StartContext> = {}): StartContext {
  return { runId: 'r1', data, agent: { id: 'a1', name: 'Alex', role: 'agent' }, mode: 'do-it-for-them', online: true, now, ...overrides };
}

describe('role policy', () => {
  it('refuses a supervisor-only procedure to an agent, with the reason, where no approval can stand in (guide mode)', () => {
    const refused = canStart(procedureFor('P5'), context(partnerData(), { mode: 'guide' }));
    expect(refused).toMatchObject({ ok: false, code: 'supervisor_required' });
    expect(!refused.ok && refused.message).toContain('Only a supervisor');
    expect(canStart(procedureFor('P5'), context(partnerData(), { agent: { id: 's1', name: 'Sue', role: 'supervisor' } }))).toEqual({
      ok: true,
    });
  });

  it('lets an agent prepare a supervisor-only change to have it approved (issue 21): P5 in do-it-for-them mode', () => {
    expect(canStart(procedureFor('P5'), context(partnerData()))).toEqual({ ok: true });
  });

  it('takes each procedure’s roles from the domain policy', () => {
    for (const procedure of procedures) expect(procedure.roles).toEqual(procedureRoles[procedure.code]);
  });
});

describe('offline policy', () => {
  it('refuses an online-only procedure offline, says why and offers T5', () => {
    const refused = canStart(procedureFor('T1'), context(techSolutionsData(), { online: false }));
    expect(refused).toMatchObject({ ok: false, code: 'backend_offline', offer: { code: 'T5' } });
    expect(!refused.ok && refused.message).toContain('cannot be queued');
  });

  it('starts the same procedure in guide mode offline: the customer makes the change in their portal', () => {
    expect(canStart(procedureFor('T1'), context(techSolutionsData(), { online: false, mode: 'guide' }))).toEqual({ ok: true });
  });

  it('refuses Generate offline but not Find Code (the data decides which)', () => {
    expect(canStart(procedureFor('T3'), context(techSolutionsData(), { online: false }))).toMatchObject({
      ok: false,
      offer: { code: 'T5' },
    });
    expect(canStart(procedureFor('T3'), context(techSolutionsData({ withKey: true }), { online: false }))).toEqual({ ok: true });
  });

  it('starts procedures whose changes can be queued', () => {
    for (const code of ['T2', 'T4', 'T5'] as const)
      expect(canStart(procedureFor(code), context(techSolutionsData(), { online: false }))).toEqual({ ok: true });
    for (const code of ['P1', 'P4'] as const)
      expect(canStart(procedureFor(code), context(partnerData(), { online: false }))).toEqual({ ok: true });
    for (const code of ['M1', 'M2', 'M3', 'M4', 'M5'] as const)
      expect(canStart(procedureFor(code), context(memberData(), { online: false }))).toEqual({ ok: true });
  });

  it('says so when the program has nothing to offer instead (partner, hosting)', () => {
    const partner = canStart(procedureFor('P2'), context(partnerData(), { online: false }));
    expect(partner).toMatchObject({ ok: false, code: 'backend_offline' });
    expect(!partner.ok && partner.offer).toBeUndefined();
    expect(!partner.ok && partner.message).toContain('no callback or live session');
    expect(canStart(procedureFor('H1'), context(hostingData(), { online: false }))).toMatchObject({ ok: false, code: 'backend_offline' });
  });

  it('offers the member portal’s live session where a member change could not wait', () => {
    expect(offlineRefusal(procedureFor('M1'), 'needs the backend')).toMatchObject({ offer: { code: 'M5' } });
  });
});

describe('online need is derived from the mutations, never declared', () => {
  const expected: [ProcedureCode, ProcedureMode, string][] = [
    ['T1', 'do-it-for-them', 'always'],
    ['T1', 'guide', 'never'],
    ['T3', 'do-it-for-them', 'some-paths'],
    ['T5', 'do-it-for-them', 'never'],
    ['P2', 'do-it-for-them', 'always'],
    ['P3', 'do-it-for-them', 'always'],
    ['P4', 'do-it-for-them', 'never'],
    ['P5', 'do-it-for-them', 'always'],
    ['H1', 'do-it-for-them', 'always'],
    ['M4', 'do-it-for-them', 'never'],
  ];
  it.each(expected)('%s in %s mode: %s', (code, mode, need) => {
    expect(needsOnline(procedureFor(code), mode)).toBe(need);
  });
});

describe('program, mode and entry point', () => {
  it('refuses a procedure of another program', () => {
    expect(canStart(procedureFor('T1'), context(partnerData()))).toMatchObject({ ok: false, code: 'wrong_program' });
  });
  it('refuses a mode the procedure does not offer', () => {
    expect(canStart(procedureFor('M3'), context(memberData(), { mode: 'guide' }))).toMatchObject({ ok: false, code: 'mode_not_offered' });
  });
  it('refuses an unknown entry point', () => {
    expect(canStart(procedureFor('H1'), context(hostingData(), { entryPoint: 'nowhere' }))).toMatchObject({
      ok: false,
      code: 'entry_point_unknown',
    });
  });
});
