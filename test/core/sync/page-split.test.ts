// A pull answer read a slice at a time (page-split.ts) reads exactly what JSON.parse and the
// protocol's schema read of the whole body: the same head, the same changes in the same order,
// however the body is written; and it refuses what they refuse, a change that does not follow
// the protocol when its slice is read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordTypes } from '../../../core/domain';
import { pullResponseSchema } from '../../../core/protocol';
import type { Change, PullResponse } from '../../../core/protocol';
import { readPullBody } from '../../../core/sync/page-split';
import type { PullBody } from '../../../core/sync/page-split';
import { TransportError } from '../../../core/sync/transport';

const root = 'http://127.0.0.1:1';

const bytesOf = (text: string): ArrayBuffer => {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
};

/** Every change of a page read back, in slices cut at `cuts` (positions in the page, any order). */
function allChanges(body: PullBody, cuts: readonly number[] = []): Change[] {
  if (body.reset) throw new Error('A reset has no changes.');
  const bounds = [...new Set([0, ...cuts.map((cut) => cut % (body.count + 1)), body.count])].sort((a, b) => a - b);
  const changes: Change[] = [];
  for (let i = 1; i < bounds.length; i++) changes.push(...body.changes(bounds[i - 1] as number, bounds[i] as number));
  return changes;
}

/** What the body says, read whole: the reference. */
const whole = (text: string): PullResponse => pullResponseSchema.parse(JSON.parse(text));

function expectSameAsWhole(text: string, cuts: readonly number[] = []): void {
  const expected = whole(text);
  const body = readPullBody(root, bytesOf(text));
  if ('reset' in expected) {
    expect(body.reset).toBe(true);
    return;
  }
  const { changes, ...head } = expected;
  expect(body.reset).toBe(false);
  if (body.reset) return;
  expect(body.head).toEqual(head);
  expect(body.count).toBe(changes.length);
  expect(allChanges(body, cuts)).toEqual(changes);
}

const change = (id: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'customer',
  id,
  op: 'put',
  version: 1,
  seq: 1,
  data,
  ...extra,
});

const page = (changes: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ cursor: 'b:1', hasMore: false, lastMutationId: 0, changes, ...extra });

/** Text that tempts a scanner: quotes, escapes, brackets, commas and the key itself. */
const awkwardText = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', ' ', 'a', 'é', '😀', '\n') }),
  fc.constantFrom('"changes":[', '\\', '\\\\', '\\"', '],"changes":[1,2]', '{"changes":[]}'),
  fc.string(),
);

const anyChange = fc.record({
  type: fc.constantFrom(...recordTypes),
  id: awkwardText.filter((id) => id.length >= 1 && id.length <= 200),
  op: fc.constantFrom('put', 'del'),
  version: fc.integer({ min: 1, max: 1_000_000 }),
  seq: fc.integer({ min: 1, max: 1_000_000 }),
  data: fc.oneof(fc.jsonValue(), fc.dictionary(awkwardText, awkwardText)),
});

describe('reading a pull answer a slice at a time', () => {
  it('reads the same head and changes as the whole body parsed, however it is written and however it is cut', () => {
    fc.assert(
      fc.property(
        fc.array(anyChange, { maxLength: 30 }),
        fc.record({ cursor: awkwardText.filter((cursor) => cursor.length > 0), hasMore: fc.boolean(), lastMutationId: fc.nat() }),
        fc.constantFrom(0, 1, 2, '\t', ' \n '),
        fc.boolean(),
        fc.array(fc.nat({ max: 40 }), { maxLength: 5 }),
        (changes, head, indent, changesFirst, cuts) => {
          const value = changesFirst ? { changes, ...head } : { ...head, changes };
          expectSameAsWhole(JSON.stringify(value, null, indent), cuts);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads bodies it does not take apart whole, as before: an escaped key, the key twice, a reset', () => {
    const one = change('c1', { name: 'One' });
    const two = change('c2', { name: 'Two' });
    expectSameAsWhole(page([one]).replace('"changes"', '"chang\\u0065s"'));
    // JSON.parse keeps the last of a key written twice.
    expectSameAsWhole(`${page([one]).slice(0, -1)},"changes":[${JSON.stringify(two)}]}`);
    expectSameAsWhole('{"reset":"cursor_expired"}');
    expectSameAsWhole('{"reset":"cursor_expired","changes":[1,2]}');
    expectSameAsWhole(page([]));
    expectSameAsWhole(page([]).replace('[]', '[ \n ]'));
    // A "changes" array inside a change is data, not the page's.
    expectSameAsWhole(page([change('c3', { changes: [1, { changes: [] }], note: '"changes":[' })]));
  });

  it('refuses with a protocol error what JSON.parse or the schema refuses whole', () => {
    const one = JSON.stringify(change('c1', { name: 'One' }));
    const bad = [
      page([]).slice(0, -3),
      `{"cursor":"b:1","hasMore":false,"lastMutationId":0,"changes":[${one},]}`,
      `{"cursor":"b:1","hasMore":false,"lastMutationId":0,"changes":[,${one}]}`,
      `{"cursor":"b:1","hasMore":false,"lastMutationId":0,"changes":[${one}}`,
      `{"cursor":"b:1","hasMore":"no","lastMutationId":0,"changes":[${one}]}`,
      `{"cursor":"b:1","hasMore":false,"lastMutationId":0,"changes":[${one}]} trailing`,
      `{"cursor":"b:1","hasMore":false,"lastMutationId":0,"changes":[${one} ${one}]}`,
      `{"cursor":"b:1","hasMore":false,"lastMutationId":0,"changes":[${one}],"changes":[${one}]`,
    ];
    for (const text of bad) {
      expect(() => whole(text)).toThrow();
      expect(() => allChanges(readPullBody(root, bytesOf(text))), text).toThrow(TransportError);
    }
  });

  it('refuses a change that does not follow the protocol when its slice is read, naming where it is', () => {
    const changes = Array.from({ length: 8 }, (_, i) => change(`c${i}`, { name: `Customer ${i}` }));
    changes[6] = change('c6', {}, { version: 0 });
    const body = readPullBody(root, bytesOf(page(changes)));
    if (body.reset) throw new Error('Not a reset.');
    expect(body.count).toBe(8);
    expect(body.changes(0, 5)).toHaveLength(5);
    expect(() => body.changes(5, 8)).toThrow(/changes\.6\.version/);
  });

  it('reads text that is not ASCII as UTF-8, and a head that is not either', () => {
    const text = page([change('c1', { name: 'José Álvarez 😀' })], { cursor: 'b:ü' });
    expect(Buffer.from(text, 'utf8').length).toBeGreaterThan(text.length);
    expectSameAsWhole(text, [1]);
  });
});
