import { describe, expect, it } from 'vitest';
import { procedureEntries } from '../../../renderer/src/lib/procedure-search';

const titles = (query: string, program: string | null = null) => procedureEntries(query, program).map((entry) => entry.title);

describe('procedureEntries', () => {
  it('finds a procedure by its code, in any case', () => {
    expect(titles('T4')).toEqual(['T4 Cancel a subscription (turn off auto-renewal)']);
    expect(titles('t4')).toEqual(titles('T4'));
  });
  it('finds procedures by the words of their title or summary', () => {
    expect(titles('refund')).toEqual(['P5 Apply a refund']);
    expect(titles('auto renewal')).toContain('T4 Cancel a subscription (turn off auto-renewal)');
  });
  it('finds nothing for an empty query or two letters that are not a code', () => {
    expect(titles('  ')).toEqual([]);
    expect(titles('ab')).toEqual([]);
  });
  it('with a customer open, marks another program’s procedures as not available here, and says why', () => {
    const [entry] = procedureEntries('P5', 'techsolutions');
    expect(entry?.unavailable).toMatch(/Partner platform procedure/);
    expect(procedureEntries('T4', 'techsolutions')[0]?.unavailable).toBeUndefined();
  });
  it('without a customer, says the customer comes next', () => {
    expect(procedureEntries('H1', null)[0]?.detail).toMatch(/choose the customer next/);
  });
});
