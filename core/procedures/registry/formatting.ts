// The domain's money and local-time wording, remembered. Both are pure, but building their
// Intl formatters costs tens to hundreds of microseconds a call, and every step transition
// draws the whole checklist again (plans, prices, the portal sign-in time): at a few dozen
// calls a view that was most of the console's share of a transition.
import { describeLocalTime as describeLocalTimeOnce, formatMoney as formatMoneyOnce } from '../../domain';
import type { IsoInstant, Money } from '../../domain';

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

export const formatMoney: (value: Money) => string = remembered(
  (value) => `${value.amount} ${value.currency}`,
  (value) => formatMoneyOnce(value),
);

export const describeLocalTime: (instant: IsoInstant, timeZone: string) => string = remembered(
  (instant, timeZone) => `${instant} ${timeZone}`,
  (instant, timeZone) => describeLocalTimeOnce(instant, timeZone),
);
