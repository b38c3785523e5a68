// Building blocks the definition files share. They return plain data.
import type { ProcedureMode } from '../../domain';
import type { CheckStep, Condition, EntryPoint } from '../format';

export const guide: Condition = { mode: 'guide' };
export const doIt: Condition = { mode: 'do-it-for-them' };
export const bothModes: readonly ProcedureMode[] = ['guide', 'do-it-for-them'];
export const doItOnly: readonly ProcedureMode[] = ['do-it-for-them'];

export const fromCustomer: EntryPoint = { id: 'customer', label: 'From the customer' };

export function arm(branch: string, ...is: string[]): Condition {
  return { arm: { branch, is } };
}

export function all(...conditions: Condition[]): Condition {
  return { all: conditions };
}

/**
 * Seed 000's first step of every TechSolutions procedure. The console knows the portal
 * session the account system reports: signed in, it ticks itself (in both modes: the
 * caller proves they can reach their account either way); otherwise the "have them sign
 * in" sub-steps show and the agent confirms once the customer is in.
 */
export function signInGate(covers: readonly string[]): CheckStep {
  return {
    id: 'signed-in',
    kind: 'check',
    title: 'Customer is signed in',
    text: 'Confirm that the customer is signed into their account by checking the account dropdown on the upper right corner.',
    talk: [
      'Before we start, are you signed in to your TechSolutions account? You should see your name in the account menu at the upper right.',
    ],
    status: '{portal.session}',
    ifNot: {
      text: 'Have them sign in if they are not.',
      steps: [
        { id: 'open-sign-in', text: 'Ask them to click Sign In at the upper right corner of the TechSolutions site.' },
        {
          id: 'credentials',
          text: 'They enter the email address of the account and their password. If they forgot it, they use the forgot-password link on the sign-in page.',
        },
        { id: 'dropdown-shows', text: 'Once signed in, the account dropdown at the upper right shows their name.' },
      ],
    },
    verify: { predicate: 'portalSignedIn', auto: 'always' },
    covers,
  };
}

/**
 * Do-it-for-them means the agent changes the account "with the customer's consent on the
 * call" (SPEC §2). Where the article has no confirmation window of its own, this check is
 * where that consent is asked and recorded; where it has one (T2's OK, P4's Confirm, P7's
 * Yes), that confirm step is the consent. `question` is said to the customer as is.
 */
export function consent(question: string, when: Condition = doIt, id = 'consent'): CheckStep {
  return {
    id,
    kind: 'check',
    title: 'Customer agrees',
    text: 'Ask the customer for their consent to make this change for them from the console, then tick.',
    talk: [question],
    covers: [],
    when,
  };
}
