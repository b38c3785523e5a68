// Maps of named things written in parts (the console API's call groups, the procedure
// registry's per-program functions) and combined into one. A name defined in two parts is a
// programming error: the later part would silently shadow the earlier one, so combining throws.

export type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * One map of every part's entries, typed as all of them at once; throws at load on a name two
 * parts define (`${what(name)} is defined twice.`).
 */
export function mergeNamed<Parts extends readonly Readonly<Record<string, unknown>>[]>(
  what: (name: string) => string,
  parts: Parts,
): UnionToIntersection<Parts[number]> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, entry] of Object.entries(part)) {
      if (Object.hasOwn(merged, name)) throw new Error(`${what(name)} is defined twice.`);
      merged[name] = entry;
    }
  }
  return merged as UnionToIntersection<Parts[number]>;
}
