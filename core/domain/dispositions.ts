// How a call ended (the disposition an agent picks at wrap-up), per program, as data: the
// console offers this list and the backend refuses anything else for the customer's program.
import type { Program } from './programs';

/** Each program's list, in the order the wrap-up offers it (the most common first). */
export const programDispositions: Readonly<Record<Program, readonly string[]>> = {
  techsolutions: ['Resolved', 'Callback booked', 'Escalated', 'Customer to act'],
  partner: ['Resolved', 'Callback booked', 'Escalated', 'Customer to act', 'Reseller to act'],
  hosting: ['Resolved', 'Callback booked', 'Escalated', 'Reseller to act'],
  member: ['Resolved', 'Live session booked', 'Escalated', 'Customer to act'],
};

export function dispositionsFor(program: Program): readonly string[] {
  return programDispositions[program];
}
