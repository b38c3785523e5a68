// Pieces of scripts that several tests walk through the same way.
import type { ClientEvent } from '../../../../core/procedures';
import type { ScriptStep } from '../driver';

/** P5 up to its Process Refund step: one of the recent transaction's first item chosen, the review read, consent ticked. */
export const toProcessRefund: readonly ScriptStep[] = [
  { type: 'next', stepId: 'window' },
  { type: 'choose', stepId: 'transactions', ids: ['txn_new'] },
  { type: 'next', stepId: 'transactions' },
  { type: 'setInputs', stepId: 'quantities', values: { quantities: { 'txn_new/oi_1': 1 } } },
  { type: 'next', stepId: 'quantities' },
  { type: 'next', stepId: 'review' },
  { type: 'tick', stepId: 'consent' },
];

/** T4 do-it up to and including Turn off: the change is sent, its result not yet in. */
export const toTurnOff: readonly ClientEvent[] = [
  { type: 'next', stepId: 'subscription' },
  { type: 'next', stepId: 'current-plan' },
  { type: 'next', stepId: 'review' },
  { type: 'tick', stepId: 'consent' },
  { type: 'act', stepId: 'turn-off' },
];
