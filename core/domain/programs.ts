// Programs (client programs an account belongs to) and the procedure codes of SPEC §2.

export const programs = ['techsolutions', 'partner', 'hosting', 'member'] as const;
export type Program = (typeof programs)[number];

export const programLabels: Readonly<Record<Program, string>> = {
  techsolutions: 'TechSolutions',
  partner: 'Partner platform',
  hosting: 'Hosting reseller area',
  member: 'Member support portal',
};

export const procedureCodes = [
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'P1',
  'P2',
  'P3',
  'P4',
  'P5',
  'P6',
  'P7',
  'P8',
  'H1',
  'M1',
  'M2',
  'M3',
  'M4',
  'M5',
] as const;
export type ProcedureCode = (typeof procedureCodes)[number];

/** Which program's library each procedure belongs to (SPEC §2.1–2.4). */
export const procedureProgram: Readonly<Record<ProcedureCode, Program>> = {
  T1: 'techsolutions',
  T2: 'techsolutions',
  T3: 'techsolutions',
  T4: 'techsolutions',
  T5: 'techsolutions',
  P1: 'partner',
  P2: 'partner',
  P3: 'partner',
  P4: 'partner',
  P5: 'partner',
  P6: 'partner',
  P7: 'partner',
  P8: 'partner',
  H1: 'hosting',
  M1: 'member',
  M2: 'member',
  M3: 'member',
  M4: 'member',
  M5: 'member',
};
