// Bounds on JSON that comes from outside (a request body, a console call's input), checked
// before any schema reads it. Zod parses recursively: a value nested a few thousand levels
// deep overflows the stack inside a parse, and the RangeError escapes any `safeParse`. The
// walk here keeps its own stack, so no input, however deep, wide or (over IPC, whose
// structured clone keeps references) cyclic, can overflow it or run for long: it stops at
// the first bound crossed.
import { z } from 'zod';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type JsonBounds = Readonly<{
  /** Arrays and objects inside one another: `[[1]]` is 2 levels, a scalar 0. */
  maxDepth: number;
  /** Values counted one by one, every array, object, key and scalar. */
  maxNodes: number;
  /** Characters of every string and key added up. */
  maxStringChars: number;
}>;

type Walk = Readonly<{ bounds: JsonBounds; jsonOnly: boolean }>;

/**
 * Why `value` is outside `bounds`, as the end of a sentence ("is nested deeper than 32
 * levels"), or undefined when it is within them. Only arrays and plain objects are walked
 * into; anything else counts as one value (a schema decides whether it is allowed).
 */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | undefined {
  return walk(value, { bounds, jsonOnly: false });
}

/**
 * Why `value` is not a JSON value within `bounds` (a string, a finite number, a boolean,
 * null, or arrays and plain objects of them), or undefined when it is one.
 */
export function boundedJsonProblem(value: unknown, bounds: JsonBounds): string | undefined {
  return walk(value, { bounds, jsonOnly: true });
}

function walk(root: unknown, { bounds, jsonOnly }: Walk): string | undefined {
  const stack: Array<readonly [unknown, number]> = [[root, 0]];
  let nodes = 0;
  let chars = 0;
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [value, depth] = entry;
    nodes += 1;
    if (nodes > bounds.maxNodes) return `holds more than ${bounds.maxNodes} values`;
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > bounds.maxStringChars) return `holds more than ${bounds.maxStringChars} characters of text`;
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      if (jsonOnly && !isJsonScalar(value)) return `holds ${describe(value)}, which is not JSON`;
      continue;
    }
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) {
      if (jsonOnly) return 'holds an object that is not plain JSON';
      continue;
    }
    if (depth + 1 > bounds.maxDepth) return `is nested deeper than ${bounds.maxDepth} levels`;
    if (isArray) {
      // Sparse holes read as undefined, which is not JSON: counted and refused like one.
      for (let index = value.length - 1; index >= 0; index -= 1) {
        stack.push([value[index], depth + 1]);
        if (stack.length > bounds.maxNodes) return `holds more than ${bounds.maxNodes} values`;
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      nodes += 1;
      chars += key.length;
      if (nodes > bounds.maxNodes) return `holds more than ${bounds.maxNodes} values`;
      if (chars > bounds.maxStringChars) return `holds more than ${bounds.maxStringChars} characters of text`;
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

function isJsonScalar(value: unknown): boolean {
  return value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return 'a number that is not finite';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

/**
 * The bounds of one JSON value a console keeps (an input typed into a checklist, a
 * mutation's result): far above any real one (a few levels, a few hundred values), far below
 * what would stall the console or overflow a stack.
 */
export const jsonValueBounds: JsonBounds = { maxDepth: 32, maxNodes: 50_000, maxStringChars: 1024 * 1024 };

/**
 * A JSON value within `bounds`, in place of zod's recursive `z.json()`: checked by the
 * iterative walk above, so no depth of nesting can overflow the parse. The value is kept as
 * it is (JSON.parse and structured clone already gave a fresh copy).
 */
export function boundedJsonSchema(bounds: JsonBounds = jsonValueBounds): z.ZodType<JsonValue> {
  return z.custom<JsonValue>().superRefine((value, context) => {
    const problem = boundedJsonProblem(value, bounds);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `The value ${problem}.` });
  });
}
