// Member support portal price list (seed 004). The article prices nothing: live sessions are
// "available for free to companies within the initial support period after purchase", and
// "Portal members will receive a coupon code ... to receive free / discounted sessions".
// The prices after that period are ours, like the partner and hosting prices: the rules
// (rules/appointments.ts) never quote a price that is not here.
import type { Money } from '../primitives';
import type { LiveSessionPricing } from '../records';
import { usd } from './definitions';

/**
 * What a live session costs under each pricing. `free` is the article's (inside the initial
 * support period); `discounted` (a coupon code after it) and `standard` (no coupon after it)
 * are the catalogue's.
 */
export const liveSessionPrices: Readonly<Record<LiveSessionPricing, Money>> = {
  free: usd(0),
  discounted: usd(7500),
  standard: usd(15000),
};
