// The procedure format: a procedure is data. Everything that needs code (predicates over
// the customer's records, option lists, summaries, mutation builders) is referenced by
// name and implemented once in ./registry, so a definition file never holds a function.
//
// The format is written once, as the zod schema below; the TypeScript types are inferred
// from it (read-only), so the definitions the compiler checks and the ones a schema checks
// (a test parses every definition; any loaded from elsewhere would be too) cannot drift.
import { z } from 'zod';
import { agentRoles, procedureCodes, procedureModes, programs } from '../domain';
import type { AgentRole, ProcedureCode, ProcedureMode, Program } from '../domain';
import { mutationNames } from '../protocol';
import type { MutationName } from '../protocol';
import { registryNames } from './registry';
import type { RegistryCategory } from './registry';

/** What a definition holds, read-only all the way down. */
type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A name registered in one category, typed as that category's names. */
const nameOf = <Category extends RegistryCategory>(kind: Category) =>
  z.enum<(typeof registryNames)[Category]>(registryNames[kind], { error: `Not a registered ${kind} name` });

/**
 * When a step is on the path. Conditions look only at what the run itself decided (mode,
 * entry point, branch arms), never at live data: a branch on data is a `branch` step that
 * decides once, so a record that changes mid-run (the key that Generate just created)
 * cannot flip the path under the agent. Written as a type too: zod cannot infer a recursive one.
 */
export type Condition =
  | Readonly<{ mode: ProcedureMode }>
  | Readonly<{ entryPoint: string }>
  | Readonly<{ arm: Readonly<{ branch: string; is: readonly string[] }> }>
  | Readonly<{ all: readonly Condition[] }>
  | Readonly<{ not: Condition }>;

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ mode: z.enum(procedureModes) }),
    z.strictObject({ entryPoint: z.string().min(1) }),
    z.strictObject({ arm: z.strictObject({ branch: z.string().min(1), is: z.array(z.string().min(1)).min(1) }) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

/** Where a step comes from: article step ids of ./traceability/article-steps (the traceability table reads these). */
const stepBase = {
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** Short label for the checklist. */
  title: z.string().min(1),
  /** The instruction, in the article's own words where it has them. Templates: `{customer.contactName}`. */
  text: z.string().min(1),
  /** What the agent says to the customer, kept apart from what the agent does. */
  talk: z.array(z.string().min(1)).optional(),
  covers: z.array(z.string().min(1)),
  when: conditionSchema.optional(),
};

const subStepSchema = z.strictObject({ id: z.string().min(1), text: z.string().min(1) });

const branchArmSchema = z.strictObject({
  id: z.string().min(1),
  label: z.string().min(1),
  /** A role-policy variant this arm is (P7 `disable`): the agent's role is checked when the arm is taken. */
  variant: z.string().optional(),
});

const fieldSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9.]*$/),
  label: z.string().min(1),
  type: nameOf('fieldTypes'),
  required: z.boolean(),
  /** Required only when this holds (the ECA email "if required" by the product). */
  requiredIf: nameOf('predicates').optional(),
  /** Never persisted, never echoed in a view, never in an audit record (card number, CVC). */
  secret: z.boolean().optional(),
  help: z.string().optional(),
  /** For selects: the options, with the ones a rule forbids disabled and a reason. */
  options: nameOf('fieldOptions').optional(),
  /** For quantity lists: the lines. */
  lines: nameOf('lines').optional(),
});

export const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...stepBase,
    kind: z.literal('check'),
    /** Shown when the answer is "not yet" (or the data says so): the article's "if not" actions. */
    ifNot: z.strictObject({ text: z.string().min(1), steps: z.array(subStepSchema).min(1) }).optional(),
    /**
     * Ticks itself when the synced records show it happened. `always`: in both modes (the
     * sign-in gate); `guide`: only when the customer does it in their portal (in do-it mode
     * the console's own action makes the change).
     */
    verify: z.strictObject({ predicate: nameOf('predicates'), auto: z.enum(['always', 'guide']) }).optional(),
    /** A line of what the console knows (e.g. the portal session), computed from facts. */
    status: z.string().optional(),
  }),
  z.strictObject({ ...stepBase, kind: z.literal('say') }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('branch'),
    /** The name later steps and registry functions read the decided arm by. */
    as: z.string().min(1),
    decide: z.union([z.strictObject({ by: z.literal('data'), decider: nameOf('deciders') }), z.strictObject({ by: z.literal('answer') })]),
    arms: z.array(branchArmSchema).min(2),
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('input'),
    fields: z.array(fieldSchema).min(1),
    /** Values filled in when the step is first reached (from the customer's records). */
    prefill: nameOf('prefills').optional(),
    /** The domain rule checking the fields together; its failures point at fields. */
    validate: nameOf('validators').optional(),
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('choose'),
    as: z.string().min(1),
    from: nameOf('choices'),
    multiple: z.boolean(),
    /** Choosing nothing is fine ("Add new products" when only quantities change). */
    optional: z.boolean().optional(),
  }),
  z.strictObject({ ...stepBase, kind: z.literal('review'), compute: nameOf('computations') }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('confirm'),
    /** The button of the article's confirmation window ("OK", "Confirm", "Yes"). */
    button: z.string().min(1),
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('act'),
    /** The button the article names ("Save Billing Info", "Confirm & Purchase", "Create"). */
    button: z.string().min(1),
    /**
     * The window the site pops after that button (T2: "Click on Switch to Plan … The site will
     * pop a confirmation window. Click on OK to confirm"): the change is sent only from the
     * window's button, so the agent clicks in the article's order. Its words are the step's text and talk.
     */
    confirmation: z.strictObject({ title: z.string().min(1), button: z.string().min(1) }).optional(),
    /** Every mutation this step may produce: online need is derived from these. */
    mutations: z.array(z.enum(mutationNames)).min(1),
    build: nameOf('builders'),
  }),
  z.strictObject({ ...stepBase, kind: z.literal('result'), compute: nameOf('results').optional() }),
]);

const sourceSchema = z.strictObject({ seed: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/), heading: z.string().min(1) });

const entryPointSchema = z.strictObject({ id: z.string().min(1), label: z.string().min(1) });

export const procedureSchema = z
  .strictObject({
    code: z.enum(procedureCodes),
    program: z.enum(programs),
    title: z.string().min(1),
    summary: z.string().min(1),
    /** The article this procedure follows; `also` for an older release kept for its wording (seed 001). */
    source: sourceSchema.extend({ also: z.array(sourceSchema).optional() }),
    roles: z.array(z.enum(agentRoles)).min(1),
    modes: z.array(z.enum(procedureModes)).min(1),
    /** The first is the default. */
    entryPoints: z.array(entryPointSchema).min(1),
    facts: nameOf('facts').optional(),
    preconditions: z.array(nameOf('preconditions')).optional(),
    warnings: nameOf('warnings').optional(),
    steps: z.array(stepSchema).min(1),
  })
  .superRefine((procedure, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const step of procedure.steps) {
      if (ids.has(step.id)) ctx.addIssue({ code: 'custom', message: `Step id "${step.id}" is used twice`, path: ['steps'] });
      ids.add(step.id);
      const owned =
        step.kind === 'input' ? step.fields.map((f) => f.name) : step.kind === 'choose' || step.kind === 'branch' ? [step.as] : [];
      for (const name of owned) {
        // Two steps on different branches may share a name (they never both hold a value).
        if (names.has(name) && step.when === undefined) {
          ctx.addIssue({ code: 'custom', message: `Value name "${name}" is set by two unconditional steps`, path: ['steps'] });
        }
        names.add(name);
      }
    }
    const last = procedure.steps.at(-1);
    if (last?.kind !== 'result') ctx.addIssue({ code: 'custom', message: 'A procedure ends with a result step', path: ['steps'] });
  });

export type Procedure = DeepReadonly<z.infer<typeof procedureSchema>>;
export type Step = Procedure['steps'][number];
export type StepKind = Step['kind'];
export type CheckStep = Extract<Step, { kind: 'check' }>;
export type SayStep = Extract<Step, { kind: 'say' }>;
export type BranchStep = Extract<Step, { kind: 'branch' }>;
export type InputStep = Extract<Step, { kind: 'input' }>;
export type ChooseStep = Extract<Step, { kind: 'choose' }>;
export type ReviewStep = Extract<Step, { kind: 'review' }>;
export type ConfirmStep = Extract<Step, { kind: 'confirm' }>;
export type ActStep = Extract<Step, { kind: 'act' }>;
export type ResultStep = Extract<Step, { kind: 'result' }>;
export type SubStep = DeepReadonly<z.infer<typeof subStepSchema>>;
export type BranchArm = DeepReadonly<z.infer<typeof branchArmSchema>>;
export type FieldDefinition = DeepReadonly<z.infer<typeof fieldSchema>>;
export type SourceRef = DeepReadonly<z.infer<typeof sourceSchema>>;
export type EntryPoint = DeepReadonly<z.infer<typeof entryPointSchema>>;

export type { AgentRole, MutationName, ProcedureCode, ProcedureMode, Program };
