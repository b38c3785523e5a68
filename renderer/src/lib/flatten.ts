export type Scalar = string | number | boolean | null;

/** `{ address: { city: 'X' } }` → `{ 'address.city': 'X' }`; arrays by index. For showing and editing records generically. */
export function flatten(value: unknown, prefix = '', into: Record<string, Scalar> = {}): Record<string, Scalar> {
  if (value === null || typeof value !== 'object') {
    if (prefix) into[prefix] = value === undefined ? null : (value as Scalar);
    return into;
  }
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  if (entries.length === 0 && prefix) into[prefix] = Array.isArray(value) ? '(none)' : '(empty)';
  for (const [key, item] of entries) flatten(item, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/** Sets `path` (dotted) in a deep copy of `target`. */
export function setPath(target: Readonly<Record<string, unknown>>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(target) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1);
  if (last !== undefined) node[last] = value;
  return copy;
}

export function display(value: Scalar | undefined): string {
  if (value === undefined) return '—';
  if (value === null) return '(none)';
  return String(value);
}

/** "changes.address.postalCode" → "Address postal code": a field path as a person reads it. */
export function humanizePath(path: string): string {
  const parts = path.split('.').filter((part) => part !== 'changes' && part !== 'args');
  const words = parts
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
