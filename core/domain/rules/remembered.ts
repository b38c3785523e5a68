// A pure function's answers kept by key. Wording built with Intl (luxon's formats, currency
// formatters) is slow next to a map lookup, and every checklist step draws its prices and
// moments again: remembered, most of a view's wording is looked up instead of built.

/** Enough for every price and moment one agent's runs show; cleared whole when full. */
const maxRemembered = 2000;

export function remembered<A extends unknown[]>(key: (...args: A) => string, compute: (...args: A) => string): (...args: A) => string {
  const memo = new Map<string, string>();
  return (...args) => {
    const k = key(...args);
    let text = memo.get(k);
    if (text === undefined) {
      text = compute(...args);
      if (memo.size >= maxRemembered) memo.clear();
      memo.set(k, text);
    }
    return text;
  };
}
