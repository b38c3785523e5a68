// Which programs check the customer's own portal sign-in before a procedure (seed 000's
// "Confirm that the customer is signed into their account"). Derived from the definitions,
// so the workspace shows the portal session exactly where a procedure will ask for it.
import type { Program } from '../domain';
import { proceduresOf } from './definitions';

/** The predicate the sign-in gate verifies (definitions/helpers.ts `signInGate`). */
const signInPredicate = 'portalSignedIn';

export function hasSignInGate(program: Program): boolean {
  return proceduresOf(program).some((procedure) =>
    procedure.steps.some((step) => step.kind === 'check' && step.verify?.predicate === signInPredicate),
  );
}
