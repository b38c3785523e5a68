import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StaleComparison } from '../../../../renderer/src/components/outbox/StaleComparison';

const before = { version: 3, data: { id: 'c1', version: 3, contactName: 'Nadia Petrova', contactEmail: 'ap@example.com' } };
const now = { version: 4, data: { id: 'c1', version: 4, contactName: 'Nadia Petrova-Lind', contactEmail: 'ap@example.com' } };

/** The table's rows as text, cell by cell. */
function rows(markup: string): string[][] {
  return [...markup.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, row]) =>
    [...(row ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map(([, cell]) => (cell ?? '').replace(/<[^>]+>/g, '')),
  );
}

describe('StaleComparison', () => {
  it('lists only the fields that changed since the version the change was based on', () => {
    const markup = renderToStaticMarkup(<StaleComparison yours={before} theirs={now} basedOn={3} />);
    expect(rows(markup)).toEqual([
      ['Field', 'Your change was based on (v3)', 'Current version (v4)'],
      ['Contact name', 'Nadia Petrova', 'Nadia Petrova-Lind'],
    ]);
    expect(markup).not.toContain('no longer on this machine');
  });

  it('without the base (a newer version was pulled before the change was sent), says so and shows the current version', () => {
    const markup = renderToStaticMarkup(<StaleComparison yours={null} theirs={now} basedOn={3} />);
    const [head, note, ...fields] = rows(markup);
    expect(head).toEqual(['Field', 'Your change was based on (v3)', 'Current version (v4)']);
    expect(note?.[0]).toMatch(/^That version is no longer on this machine/);
    expect(fields.map(([field, , current]) => [field, current])).toEqual(
      expect.arrayContaining([
        ['Contact name', 'Nadia Petrova-Lind'],
        ['Contact email', 'ap@example.com'],
      ]),
    );
    expect(markup).not.toContain('Only bookkeeping fields differ');
  });
});
