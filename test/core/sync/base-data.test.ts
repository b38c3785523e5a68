import { describe, expect, it } from 'vitest';
import { baseDataFor } from '../../../core/sync/submit';

describe('baseDataFor (the record kept with a change for a stale rejection’s comparison)', () => {
  const record = { version: 3, data: { id: 's1', version: 3, autoRenew: true } };

  it('keeps the record when it is the version the change names, or the change names none', () => {
    expect(baseDataFor(record, { subscriptionId: 's1', baseVersion: 3, autoRenew: false })).toBe(record.data);
    expect(baseDataFor(record, { subscriptionId: 's1', autoRenew: false })).toBe(record.data);
  });

  it('keeps nothing for another version (a newer one pulled, or a retry on the backend’s latest), or no record', () => {
    expect(baseDataFor(record, { subscriptionId: 's1', baseVersion: 4, autoRenew: false })).toBeNull();
    expect(baseDataFor(record, { subscriptionId: 's1', baseVersion: 2, autoRenew: false })).toBeNull();
    expect(baseDataFor(undefined, { subscriptionId: 's1', baseVersion: 3 })).toBeNull();
  });
});
