import { describe, expect, it } from 'vitest';
import { mayDo } from '../../../../core/domain';

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
    expect(result.message).toBe('Manager/Supervisor — Request Addition of New Portal Accounts for Staff and set Permission Levels: yes, limited.');
    const links = mayDo('it', 'download-links');
    expect(links).toMatchObject({ ok: true, answer: 'upon-request' });
    if (links.ok) expect(links.notes[0]).toBe('Upon request.');
  });

  it('refuses unknown capabilities and levels', () => {
    expect(mayDo('primary', 'fly')).toMatchObject({ ok: false, code: 'capability_unknown' });
    expect(mayDo('owner', 'license-keys')).toMatchObject({ ok: false, code: 'level_unknown' });
  });
});
