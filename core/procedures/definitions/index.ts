// The procedure library: every procedure of SPEC §2, one file per program.
import type { ProcedureCode, Program } from '../../domain';
import type { Procedure } from '../format';
import { hostingProcedures } from './hosting';
import { memberProcedures } from './member';
import { partnerProcedures } from './partner';
import { techSolutionsProcedures } from './techsolutions';

export const procedures: readonly Procedure[] = [
  ...techSolutionsProcedures,
  ...partnerProcedures,
  ...hostingProcedures,
  ...memberProcedures,
];

const byCode = new Map(procedures.map((p) => [p.code, p]));

export function procedureFor(code: ProcedureCode): Procedure {
  const procedure = byCode.get(code);
  if (!procedure) throw new Error(`No procedure ${code} in the library.`);
  return procedure;
}

export function proceduresOf(program: Program): Procedure[] {
  return procedures.filter((p) => p.program === program);
}
