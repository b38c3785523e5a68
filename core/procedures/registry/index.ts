// The one registry of named pure functions definitions refer to, by category. A name
// defined twice in one category is a programming error and throws at load.
import { mergeNamed } from '../../domain';
import type { UnionToIntersection } from '../../domain';
import * as contact from './contact';
import { fieldTypes } from './fields';
import * as hosting from './hosting';
import * as member from './member';
import * as partner from './partner';
import * as partnerAccounts from './partner-accounts';
import * as partnerRenewal from './partner-renewal';
import * as techSolutions from './techsolutions';
import type {
  Builder,
  ChoiceSource,
  Computation,
  Decider,
  Facts,
  FieldOptionsSource,
  FieldType,
  LinesSource,
  Precondition,
  Predicate,
  Prefill,
  ResultLines,
  Validator,
  Warnings,
} from './types';

function merge<Parts extends readonly Readonly<Record<string, unknown>>[]>(
  category: string,
  ...parts: Parts
): UnionToIntersection<Parts[number]> {
  return mergeNamed((name) => `Procedure registry: ${category} "${name}"`, parts);
}

export const predicates = merge(
  'predicate',
  techSolutions.predicates,
  contact.predicates,
  partner.predicates,
  partnerAccounts.predicates,
  partnerRenewal.predicates,
  hosting.predicates,
  member.predicates,
);
export const deciders = merge('decider', techSolutions.deciders, partner.deciders, partnerAccounts.deciders, member.deciders);
export const choices = merge(
  'choice',
  techSolutions.choices,
  contact.choices,
  partner.choices,
  partnerAccounts.choices,
  partnerRenewal.choices,
  hosting.choices,
  member.choices,
);
export const fieldOptions = merge('field options', contact.fieldOptions, partner.fieldOptions, hosting.fieldOptions, member.fieldOptions);
export const lines = merge('lines', partner.lines, partnerAccounts.lines);
export const prefills = merge('prefill', techSolutions.prefills, contact.prefills, partner.prefills, member.prefills);
export const validators = merge(
  'validator',
  techSolutions.validators,
  contact.validators,
  partner.validators,
  partnerAccounts.validators,
  hosting.validators,
  member.validators,
);
export const computations = merge(
  'computation',
  techSolutions.computations,
  contact.computations,
  partner.computations,
  partnerAccounts.computations,
  partnerRenewal.computations,
  hosting.computations,
  member.computations,
);
export const builders = merge(
  'builder',
  techSolutions.builders,
  contact.builders,
  partner.builders,
  partnerAccounts.builders,
  partnerRenewal.builders,
  hosting.builders,
  member.builders,
);
export const results = merge(
  'result',
  techSolutions.results,
  contact.results,
  partner.results,
  partnerAccounts.results,
  partnerRenewal.results,
  hosting.results,
  member.results,
);
export const facts = merge('facts', techSolutions.facts, hosting.facts);
export const preconditions = merge('precondition', hosting.preconditions);
export const warnings = merge('warnings', member.warnings);
export { fieldTypes };

export type PredicateName = keyof typeof predicates;
export type DeciderName = keyof typeof deciders;
export type ChoiceName = keyof typeof choices;
export type FieldOptionsName = keyof typeof fieldOptions;
export type LinesName = keyof typeof lines;
export type PrefillName = keyof typeof prefills;
export type ValidatorName = keyof typeof validators;
export type ComputationName = keyof typeof computations;
export type BuilderName = keyof typeof builders;
export type ResultName = keyof typeof results;
export type FactsName = keyof typeof facts;
export type PreconditionName = keyof typeof preconditions;
export type WarningsName = keyof typeof warnings;
export type FieldTypeName = keyof typeof fieldTypes;

/**
 * The maps by category, each typed by its own names: a definition's name (a `PredicateName`,
 * ...) looks up its function without a cast or a non-null assertion, and a name that is not
 * registered does not compile.
 */
export const registry: Readonly<{
  predicates: Readonly<Record<PredicateName, Predicate>>;
  deciders: Readonly<Record<DeciderName, Decider>>;
  choices: Readonly<Record<ChoiceName, ChoiceSource>>;
  fieldOptions: Readonly<Record<FieldOptionsName, FieldOptionsSource>>;
  lines: Readonly<Record<LinesName, LinesSource>>;
  prefills: Readonly<Record<PrefillName, Prefill>>;
  validators: Readonly<Record<ValidatorName, Validator>>;
  computations: Readonly<Record<ComputationName, Computation>>;
  builders: Readonly<Record<BuilderName, Builder>>;
  results: Readonly<Record<ResultName, ResultLines>>;
  facts: Readonly<Record<FactsName, Facts>>;
  preconditions: Readonly<Record<PreconditionName, Precondition>>;
  warnings: Readonly<Record<WarningsName, Warnings>>;
  fieldTypes: Readonly<Record<FieldTypeName, FieldType>>;
}> = {
  predicates,
  deciders,
  choices,
  fieldOptions,
  lines,
  prefills,
  validators,
  computations,
  builders,
  results,
  facts,
  preconditions,
  warnings,
  fieldTypes,
};

export type RegistryCategory = keyof typeof registry;

/** The names a category registers, as that category's name type. */
function namesOf<Name extends string>(map: Readonly<Record<Name, unknown>>): readonly Name[] {
  return Object.keys(map) as Name[];
}

/** Every registered name per category, for the format schema. */
export const registryNames = {
  predicates: namesOf(predicates),
  deciders: namesOf(deciders),
  choices: namesOf(choices),
  fieldOptions: namesOf(fieldOptions),
  lines: namesOf(lines),
  prefills: namesOf(prefills),
  validators: namesOf(validators),
  computations: namesOf(computations),
  builders: namesOf(builders),
  results: namesOf(results),
  facts: namesOf(facts),
  preconditions: namesOf(preconditions),
  warnings: namesOf(warnings),
  fieldTypes: namesOf(fieldTypes),
} as const satisfies Readonly<Record<RegistryCategory, readonly string[]>>;

export * from './types';
