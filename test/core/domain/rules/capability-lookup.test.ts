import { describe, expect, it } from 'vitest';
import { capabilities, mayDo, permissionLevels } from '../../../../core/domain';

describe('M4 capability lookup', () => {
  it('answers yes for a Primary receiving license keys, no for a Manager', () => {
    expect(mayDo('primary', 'license-keys')).toMatchObject({ ok: true, answer: 'yes' });
    const manager = mayDo('manager', 'license-keys');
    expect(manager).toMatchObject({ ok: true, answer: 'no' });
    if (manager.ok) expect(manager.notes).toContain('Only the Primary/Owner receives license keys and activation codes.');
  });

  it('gives the cell qualifier first, then the row notes', () => {
    const result = mayDo('manager', 'request-staff-accounts');
    expect(result).toMatchObject({ ok: true, answer: 'limited' });
    if (!result.ok) return;
    expect(result.notes[0]).toContain('To Manager level');
    expect(result.message).toBe(
      'Manager/Supervisor — Request Addition of New Portal Accounts for Staff and set Permission Levels: yes, limited.',
    );
    const links = mayDo('it', 'download-links');
    expect(links).toMatchObject({ ok: true, answer: 'upon-request' });
    if (links.ok) expect(links.notes[0]).toBe('Upon request.');
  });

  it('tells the agent that "Receive license specific information" is a reading, not the article (issue 19 item 10)', () => {
    // Seed 004 prints the row as "X - limitedXXX": four marks for five levels.
    const basic = mayDo('basic', 'license-information');
    expect(basic).toMatchObject({ ok: true, answer: 'no', ambiguous: true });
    if (!basic.ok) return;
    expect(basic.message).toBe('Basic — Receive license specific information: no (our reading; the article is ambiguous here).');
    expect(basic.notes[0]).toContain('The article is ambiguous here');
    expect(basic.notes[0]).toContain('"X - limitedXXX"');
    expect(basic.notes[0]).toContain('Reading taken: Basic none; Sales/Designer limited');
    for (const level of ['sales', 'it', 'manager'])
      expect(mayDo(level, 'license-information')).toMatchObject({ ok: true, ambiguous: true });
    const primary = mayDo('primary', 'license-information');
    expect(primary).toMatchObject({
      ok: true,
      answer: 'yes',
      ambiguous: false,
      message: 'Primary/Owner — Receive license specific information: yes.',
    });
  });

  it('answers every other cell of the matrix as the article prints it, without a caveat', () => {
    for (const capability of capabilities.filter((c) => c.id !== 'license-information')) {
      for (const level of permissionLevels) {
        const result = mayDo(level, capability.id);
        expect(result, `${capability.id} ${level}`).toMatchObject({ ok: true, ambiguous: false });
        if (result.ok) expect(result.message).not.toContain('ambiguous');
      }
    }
  });

  it('refuses unknown capabilities and levels', () => {
    expect(mayDo('primary', 'fly')).toMatchObject({ ok: false, code: 'capability_unknown' });
    expect(mayDo('owner', 'license-keys')).toMatchObject({ ok: false, code: 'level_unknown' });
  });
});
