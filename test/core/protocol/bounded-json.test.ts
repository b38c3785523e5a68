import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boundedJsonProblem, boundedJsonSchema, jsonBoundsProblem } from '../../../core/protocol/bounded-json';

const bounds = { maxDepth: 4, maxNodes: 20, maxStringChars: 10 } as const;

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('jsonBoundsProblem', () => {
  it('accepts values within every bound, up to each bound exactly', () => {
    expect(jsonBoundsProblem({ a: [1, 'x', null, true], b: { c: [] } }, bounds)).toBeUndefined();
    expect(jsonBoundsProblem(nested(4), bounds)).toBeUndefined();
    expect(jsonBoundsProblem('x'.repeat(10), bounds)).toBeUndefined();
    expect(
      jsonBoundsProblem(
        Array.from({ length: 19 }, () => 0),
        bounds,
      ),
    ).toBeUndefined();
  });

  it('says which bound a value crosses', () => {
    expect(jsonBoundsProblem(nested(5), bounds)).toBe('is nested deeper than 4 levels');
    expect(jsonBoundsProblem({ a: { b: { c: { d: {} } } } }, bounds)).toBe('is nested deeper than 4 levels');
    expect(
      jsonBoundsProblem(
        Array.from({ length: 20 }, () => 0),
        bounds,
      ),
    ).toBe('holds more than 20 values');
    expect(jsonBoundsProblem(['x'.repeat(6), 'y'.repeat(5)], bounds)).toBe('holds more than 10 characters of text');
    expect(jsonBoundsProblem({ ['k'.repeat(11)]: 1 }, bounds)).toBe('holds more than 10 characters of text');
  });

  it('measures any depth without recursion, where zod’s z.json() overflows the stack', () => {
    const deep = nested(200_000);
    expect(() => z.json().safeParse(deep)).toThrow(RangeError);
    expect(jsonBoundsProblem(deep, { ...bounds, maxDepth: 32, maxNodes: 1_000 })).toBe('is nested deeper than 32 levels');
  });

  it('stops on a cycle (structured clone keeps them) and on shared references that multiply', () => {
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(jsonBoundsProblem(cycle, bounds)).toBe('is nested deeper than 4 levels');
    // 2^40 paths through 41 objects: the walk must stop at the node bound, not follow them all.
    let shared: unknown = 0;
    for (let level = 0; level < 40; level += 1) shared = [shared, shared];
    expect(jsonBoundsProblem(shared, { maxDepth: 64, maxNodes: 1_000, maxStringChars: 10 })).toBe('holds more than 1000 values');
  });

  it('stops early on an array far wider than the node bound', () => {
    const wide = new Array<number>(50_000_000);
    const started = performance.now();
    expect(jsonBoundsProblem(wide, bounds)).toBe('holds more than 20 values');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('boundedJsonProblem', () => {
  it('refuses what is not JSON', () => {
    expect(boundedJsonProblem({ a: undefined }, bounds)).toBe('holds undefined, which is not JSON');
    expect(boundedJsonProblem([Number.NaN], bounds)).toBe('holds a number that is not finite, which is not JSON');
    expect(boundedJsonProblem(Number.POSITIVE_INFINITY, bounds)).toBe('holds a number that is not finite, which is not JSON');
    expect(boundedJsonProblem(10n, bounds)).toBe('holds a bigint, which is not JSON');
    expect(boundedJsonProblem({ when: new Date(0) }, bounds)).toBe('holds an object that is not plain JSON');
    expect(boundedJsonProblem(new Map(), bounds)).toBe('holds an object that is not plain JSON');
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case under test
    expect(boundedJsonProblem([1, , 3], bounds)).toBe('holds undefined, which is not JSON');
  });

  it('takes keys such as __proto__ and constructor as plain data', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":1}}');
    expect(boundedJsonProblem(parsed, { ...bounds, maxStringChars: 100 })).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('boundedJsonSchema', () => {
  const schema = boundedJsonSchema(bounds);

  it('keeps a JSON value as it is', () => {
    const value = { a: [1, 'two', null, false], b: { c: 3.5 } };
    expect(schema.parse(value)).toBe(value);
  });

  it('refuses a value outside its bounds or not JSON with a readable issue', () => {
    expect(schema.safeParse(nested(5)).error?.issues).toEqual([
      expect.objectContaining({ message: 'The value is nested deeper than 4 levels.' }),
    ]);
    expect(schema.safeParse(undefined).success).toBe(false);
    expect(schema.optional().safeParse(undefined).success).toBe(true);
  });

  it('parses a value nested 200,000 deep without throwing', () => {
    expect(boundedJsonSchema().safeParse(nested(200_000)).success).toBe(false);
  });
});
