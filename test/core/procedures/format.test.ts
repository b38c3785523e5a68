import { describe, expect, it } from 'vitest';
import { procedureCodes, procedureProgram } from '../../../core/domain';
import { articleSteps, procedureSchema, procedures, seedFiles, viewOf } from '../../../core/procedures';
import type { Procedure } from '../../../core/procedures';
import { registryNames } from '../../../core/procedures/registry';
import { runScenario } from './driver';
import { scenarioFiles } from './scenarios';

describe('the procedure library', () => {
  it('has exactly one definition per procedure code of SPEC §2, in its program', () => {
    expect(procedures.map((p) => p.code)).toEqual([...procedureCodes]);
    for (const p of procedures) expect(p.program).toBe(procedureProgram[p.code]);
  });

  it.each(procedures.map((p) => [p.code, p] as const))('%s matches the procedure format', (_code, procedure) => {
    const parsed = procedureSchema.safeParse(procedure);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('gives every procedure a source: a seed article and one of its headings', () => {
    const seeds = Object.values(seedFiles) as string[];
    for (const p of procedures) {
      for (const source of [p.source, ...(p.source.also ?? [])]) {
        expect(seeds).toContain(source.seed);
        expect(articleSteps.some((s) => s.seed === source.seed && s.heading.startsWith(source.heading))).toBe(true);
      }
    }
  });

  it('points every step at article steps that exist', () => {
    const ids = new Set(articleSteps.map((s) => s.id));
    const unknown = procedures.flatMap((p) =>
      p.steps.flatMap((s) => s.covers.filter((c) => !ids.has(c)).map((c) => `${p.code}.${s.id}: ${c}`)),
    );
    expect(unknown).toEqual([]);
  });

  it('uses every registered function (no dead names) and nothing else', () => {
    const used = new Set<string>();
    const collect = (p: Procedure) => {
      if (p.facts) used.add(`facts:${p.facts}`);
      if (p.warnings) used.add(`warnings:${p.warnings}`);
      for (const name of p.preconditions ?? []) used.add(`preconditions:${name}`);
      for (const s of p.steps) {
        if (s.kind === 'check' && s.verify) used.add(`predicates:${s.verify.predicate}`);
        if (s.kind === 'branch' && s.decide.by === 'data') used.add(`deciders:${s.decide.decider}`);
        if (s.kind === 'choose') used.add(`choices:${s.from}`);
        if (s.kind === 'review') used.add(`computations:${s.compute}`);
        if (s.kind === 'act') used.add(`builders:${s.build}`);
        if (s.kind === 'result' && s.compute) used.add(`results:${s.compute}`);
        if (s.kind === 'input') {
          if (s.prefill) used.add(`prefills:${s.prefill}`);
          if (s.validate) used.add(`validators:${s.validate}`);
          for (const f of s.fields) {
            used.add(`fieldTypes:${f.type}`);
            if (f.options) used.add(`fieldOptions:${f.options}`);
            if (f.lines) used.add(`lines:${f.lines}`);
            if (f.requiredIf) used.add(`predicates:${f.requiredIf}`);
          }
        }
      }
    };
    procedures.forEach(collect);
    const registered = Object.entries(registryNames).flatMap(([category, names]) => names.map((n) => `${category}:${n}`));
    expect(registered.filter((name) => !used.has(name))).toEqual([]);
  });

  it('fills in every template of every step the scenarios go through', () => {
    const unresolved: string[] = [];
    for (const { scenarios } of scenarioFiles) {
      for (const scenario of scenarios) {
        const view = viewOf(runScenario(scenario).run);
        for (const step of view.steps) {
          const texts = [step.text, ...step.talk, step.check?.status ?? '', step.check?.ifNot?.text ?? ''];
          for (const text of texts) if (/\{[a-zA-Z][\w.]*\}/.test(text)) unresolved.push(`${scenario.name} › ${step.id}: ${text}`);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });
});
