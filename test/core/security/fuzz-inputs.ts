// What the fuzz tests send (issue 18, "Done when"): deep nesting, huge strings, wrong types
// and odd encodings, shaped by the words of the schema under test (its keys and the literal
// values it expects) so that some of it gets past the first check and into the fields below.
// Bodies are built as text, never with JSON.stringify of a deep value (that would overflow
// this test's own stack), and as bytes where an encoding is the point.
import fc from 'fast-check';
import type { z } from 'zod';

export type Vocabulary = Readonly<{
  /** Keys of the top-level object. */
  topKeys: readonly string[];
  /** Every key of every object inside, top level included. */
  keys: readonly string[];
  /** Literal and enum values the schema expects (discriminators, codes), and ids known to exist. */
  strings: readonly string[];
}>;

type ZodDef = Readonly<{
  type?: string;
  shape?: Readonly<Record<string, z.ZodType>>;
  options?: readonly z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  entries?: Readonly<Record<string, unknown>>;
  values?: readonly unknown[];
}>;

function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/** The keys and literal strings of a zod schema, read from its definition (zod 4). */
export function vocabularyOf(schema: z.ZodType, knownStrings: readonly string[] = []): Vocabulary {
  const keys = new Set<string>();
  const strings = new Set<string>(knownStrings);
  const seen = new Set<z.ZodType>();
  const visit = (node: z.ZodType | undefined, depth: number) => {
    if (!node || seen.has(node) || depth > 8) return;
    seen.add(node);
    const def = defOf(node);
    for (const key of Object.keys(def.shape ?? {})) keys.add(key);
    for (const child of Object.values(def.shape ?? {})) visit(child, depth + 1);
    for (const option of def.options ?? []) visit(option, depth + 1);
    for (const child of [def.innerType, def.in, def.out, def.element, def.valueType, def.left, def.right]) visit(child, depth + 1);
    for (const value of [...Object.values(def.entries ?? {}), ...(def.values ?? [])]) if (typeof value === 'string') strings.add(value);
  };
  visit(schema, 0);
  const topKeys = Object.keys(defOf(schema).shape ?? {});
  return { topKeys, keys: [...keys], strings: [...strings] };
}

const json = (value: unknown) => JSON.stringify(value);
const isOptional = (schema: z.ZodType) => ['optional', 'default', 'prefault'].includes(defOf(schema).type ?? '');

/**
 * The text of a small value of `schema` that passes its shape (not always its refinements):
 * required keys only, the first option of a union, `examples[key]` for a string under `key`.
 */
export function exampleText(schema: z.ZodType, examples: Readonly<Record<string, string>> = {}, key = ''): string {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return objectText(
        Object.entries(def.shape ?? {})
          .filter(([, child]) => !isOptional(child))
          .map(([name, child]) => [name, exampleText(child, examples, name)] as const),
      );
    case 'union':
      return def.options?.[0] ? exampleText(def.options[0], examples, key) : 'null';
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return def.innerType ? exampleText(def.innerType, examples, key) : 'null';
    case 'pipe':
      return def.in ? exampleText(def.in, examples, key) : 'null';
    case 'intersection':
      return def.left ? exampleText(def.left, examples, key) : 'null';
    case 'string':
      return json(examples[key] ?? 'x');
    case 'number':
      return '1';
    case 'boolean':
      return 'true';
    case 'enum':
      return json(Object.values(def.entries ?? {})[0] ?? 'x');
    case 'literal':
      return json(def.values?.[0] ?? null);
    case 'array':
    case 'tuple':
      return '[]';
    case 'record':
      return '{}';
    default:
      return '0';
  }
}

/** Builds the text of a value of the schema with a given fragment at one place inside it. */
export type Site = Readonly<{ path: string; build: (fragment: string) => string }>;

/**
 * Every place in `schema` a value can sit (the whole, each key of each object, each option of
 * a union, an element, a record's value), each as a small example with the fragment there:
 * the fragment then meets the schema of that place, behind every check of the places above it.
 */
export function sitesOf(schema: z.ZodType, examples: Readonly<Record<string, string>> = {}, depth = 0): Site[] {
  const here: Site = { path: '', build: (fragment) => fragment };
  if (depth > 6) return [here];
  const def = defOf(schema);
  const inner = (child: z.ZodType | undefined) => (child ? sitesOf(child, examples, depth + 1) : []);
  const within = (child: z.ZodType | undefined, prefix: string, wrap: (text: string) => string): Site[] =>
    inner(child).map((site) => ({ path: `${prefix}${site.path ? `.${site.path}` : ''}`, build: (fragment) => wrap(site.build(fragment)) }));
  switch (def.type) {
    case 'object': {
      const shape = Object.entries(def.shape ?? {});
      return [
        here,
        ...shape.flatMap(([key, child]) =>
          within(child, key, (text) =>
            objectText(
              shape
                .filter(([name, other]) => name === key || !isOptional(other))
                .map(([name, other]) => [name, name === key ? text : exampleText(other, examples, name)] as const),
            ),
          ),
        ),
      ];
    }
    case 'union':
      return [
        here,
        ...(def.options ?? []).flatMap((option, index) =>
          inner(option)
            .filter((site) => site.path !== '')
            .map((site) => ({ ...site, path: `${site.path}#${index}` })),
        ),
      ];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'intersection':
      return inner(def.left);
    case 'array':
      return [here, ...within(def.element, '0', (text) => `[${text}]`)];
    case 'record':
      return [here, ...within(def.valueType, 'k', (text) => `{"k":${text}}`)];
    default:
      return [here];
  }
}

/** What every site is sent: the issue's 1,400-deep arrays and worse, huge text, wrong types, odd values. */
export type Hazard = Readonly<{
  name: string;
  text: string;
  /** Hundreds of kilobytes: sent everywhere through the dispatcher, to the deepest place over the wire. */
  heavy?: true;
}>;

export function hazardsFor(maxBytes: number): readonly Hazard[] {
  return [
    { name: 'arrays 1,400 deep', text: `${'['.repeat(1_400)}${']'.repeat(1_400)}` },
    { name: 'arrays 100,000 deep', text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, heavy: true },
    { name: 'objects 10,000 deep', text: `${'{"a":'.repeat(10_000)}0${'}'.repeat(10_000)}` },
    { name: 'a string as large as a body', text: `"${'x'.repeat(maxBytes - 1_024)}"`, heavy: true },
    { name: '60,000 values', text: `[${'0,'.repeat(60_000)}0]`, heavy: true },
    { name: 'an object', text: '{"a":1}' },
    { name: 'null', text: 'null' },
    { name: 'a number past a double', text: '1e999999' },
    { name: 'a lone surrogate and NUL', text: '"\\ud800\\u0000"' },
    { name: 'prototype keys', text: `{"__proto__":{"${pollutionMarker}":true},"constructor":{"prototype":{"${pollutionMarker}":true}}}` },
  ];
}
const objectText = (entries: ReadonlyArray<readonly [string, string]>) =>
  `{${entries.map(([key, value]) => `${json(key)}:${value}`).join(',')}}`;

/** Numbers JSON allows but no field wants: beyond a double, below its precision, negative zero. */
const oddNumbers = [
  '1e999999',
  '-1e999999',
  '123456789012345678901234567890',
  '0.0000000000000000000000000000001',
  '-0',
  '9'.repeat(400),
  '4.9e-325',
  '1.5',
  '-1',
  '0',
  '9007199254740993',
];

/** Strings with what trips up text handling: NUL, lone surrogates, a BOM, bidi overrides, paths, markup. */
const oddStrings = [
  '"\\u0000"',
  '"a\\u0000b"',
  '"\\ud800"',
  '"\\udc00x\\ud800"',
  '"\\ufeff"',
  '"\\u202e4242"',
  '"%00"',
  '"../../etc/passwd"',
  '"<script>alert(1)</script>"',
  '"\\n\\r\\t"',
  '" "',
  '""',
  '"😀"',
  '"\\u0085\\u2028\\u2029"',
  '"4111 1111 1111 1111"',
];

/** Keys that mean something to a JavaScript object. */
export const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
export const pollutionMarker = 'fuzzPolluted';
const prototypeObjects = [
  `{"__proto__":{"${pollutionMarker}":true}}`,
  `{"constructor":{"prototype":{"${pollutionMarker}":true}}}`,
  '{"__proto__":null}',
  '{"prototype":1,"toString":"x","valueOf":{}}',
];

/** Arrays or objects nested well past any bound, up to 100,000 deep (200 KB of text). */
const deepText = fc
  .tuple(fc.integer({ min: 33, max: 100_000 }), fc.constantFrom(['[', ']'], ['{"a":', '}'], ['[{"v":', '}]']))
  .map(([depth, [open, close]]) => `${open.repeat(depth)}${open === '[' ? '' : '0'}${close.repeat(depth)}`);

/** As many values as a body can hold, past the console's bound on values. */
const wideText = fc.integer({ min: 1_000, max: 300_000 }).map((count) => `[${'0,'.repeat(count)}0]`);

export function hugeString(maxBytes: number): fc.Arbitrary<string> {
  // 'é' is 2 bytes, '😀' 4: the byte limit is not the character count.
  return fc
    .tuple(fc.constantFrom(64 * 1024, maxBytes / 2, maxBytes - 256, maxBytes + 16), fc.constantFrom('x', 'é', '😀', '\\u0000'))
    .map(([bytes, unit]) => `"${unit.repeat(Math.floor(bytes / (unit === '\\u0000' ? 6 : Buffer.byteLength(unit))))}"`);
}

/** Any JSON text: wrong types, odd numbers and strings, prototype keys, deep, wide and huge values. */
export function jsonTextOf(vocabulary: Vocabulary, maxBytes: number): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: vocabulary.keys.length > 0 ? fc.constantFrom(...vocabulary.keys) : fc.constant('a') },
    { weight: 1, arbitrary: fc.constantFrom(...prototypeKeys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const knownString = vocabulary.strings.length > 0 ? fc.constantFrom(...vocabulary.strings).map(json) : fc.constant('"x"');
  const leaf = fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 1 }).map(json) },
    { weight: 3, arbitrary: knownString },
    { weight: 2, arbitrary: fc.constantFrom(...oddNumbers) },
    { weight: 2, arbitrary: fc.constantFrom(...oddStrings) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(json) },
    { weight: 1, arbitrary: fc.constantFrom(...prototypeObjects) },
    { weight: 1, arbitrary: deepText },
    { weight: 1, arbitrary: wideText },
    { weight: 1, arbitrary: hugeString(maxBytes) },
  );
  const { value } = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
    value: fc.oneof({ maxDepth: 3, depthIdentifier: 'fuzz-json' }, leaf, tie('object'), tie('array')),
    object: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(objectText),
    array: fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  }));
  return value;
}

/** A body as a console call or an endpoint receives it: mostly an object of the schema's keys. */
export function bodyTextOf(vocabulary: Vocabulary, maxBytes: number): fc.Arbitrary<string> {
  const value = jsonTextOf(vocabulary, maxBytes);
  const topKey = vocabulary.topKeys.length > 0 ? fc.constantFrom(...vocabulary.topKeys) : fc.constantFrom(...prototypeKeys);
  const notJson = fc.constantFrom(
    '',
    'undefined',
    '{',
    '{"a":1,}',
    "{'a':1}",
    'NaN',
    '[1,]',
    '{"a":1}garbage',
    '{"a":"\u0001"}',
    '\uFEFF{}',
    '{"a":1}\u0000',
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.tuple(topKey, value), { maxLength: 4 }).map(objectText) },
    { weight: 2, arbitrary: value },
    { weight: 1, arbitrary: notJson },
  );
}

/** Malformed UTF-8: an overlong NUL, a byte never used, an encoded surrogate, a cut sequence, a BOM inside. */
const badUtf8 = [[0xc0, 0x80], [0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xef, 0xbb, 0xbf], [0x00]].map((bytes) => Buffer.from(bytes));

/** The body as bytes: UTF-8 mostly, and odd encodings of it (a BOM, UTF-16, broken UTF-8 in a string, noise). */
export function bodyBytesOf(vocabulary: Vocabulary, maxBytes: number): fc.Arbitrary<Buffer> {
  const text = bodyTextOf(vocabulary, maxBytes);
  const topKey = vocabulary.topKeys.length > 0 ? fc.constantFrom(...vocabulary.topKeys) : fc.constant('a');
  return fc.oneof(
    { weight: 6, arbitrary: text.map((body) => Buffer.from(body, 'utf8')) },
    { weight: 1, arbitrary: text.map((body) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')])) },
    { weight: 1, arbitrary: text.map((body) => Buffer.from(body, 'utf16le')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(topKey, fc.constantFrom(...badUtf8))
        .map(([key, bad]) => Buffer.concat([Buffer.from(`{${json(key)}:"a`), bad, Buffer.from('b"}')])),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  );
}

/**
 * Values only a JavaScript caller can hand over (Electron's IPC clones them): undefined, NaN,
 * bigints, dates, maps, sparse arrays, objects without a prototype, cycles.
 */
export function ipcOnlyValueOf(vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  const topKey = vocabulary.topKeys.length > 0 ? fc.constantFrom(...vocabulary.topKeys) : fc.constant('a');
  const odd = fc.constantFrom<() => unknown>(
    () => undefined,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => 10n,
    () => new Date(0),
    () => new Map([['a', 1]]),
    () => new Set([1]),
    () => new Uint8Array([1, 2]),
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case under test
    () => [1, , 3],
    () => Object.assign(Object.create(null) as object, { a: 1 }),
    () => {
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      return cycle;
    },
  );
  return fc.oneof(
    odd.map((make) => make()),
    fc.tuple(topKey, odd).map(([key, make]) => ({ [key]: make() })),
  );
}
