// A program's name in a query ("hosting smith", "Partner platform Northwind"). Agents type it
// because the caller says it first; as a word of the search it found nothing, since no
// customer's name holds it. Here it narrows the search to that program's accounts instead.
import { programLabels, programs } from '../domain';
import type { Program } from '../domain';

/** The query's words as search.ts `queryWords` reads them (letters and digits, lower case). */
function queryWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** What an agent may type for a program: its key, its label, and the label's first word ("Hosting"). */
const programNames: ReadonlyArray<Readonly<{ program: Program; words: readonly string[] }>> = programs
  .flatMap((program) => {
    const label = queryWords(programLabels[program]);
    return [[program], label, label.slice(0, 1)].map((words) => ({ program, words }));
  })
  // Longest first: "hosting reseller area" before "hosting".
  .sort((a, b) => b.words.length - a.words.length);

export type ProgramInQuery = Readonly<{ program: Program; label: string; rest: string }>;

/**
 * The program a query starts or ends with, and the rest of the query, or null. Not in an email
 * address (its words are the address's own).
 */
export function programInQuery(query: string): ProgramInQuery | null {
  if (query.includes('@')) return null;
  const words = queryWords(query);
  for (const { program, words: name } of programNames) {
    if (name.length > words.length) continue;
    const atStart = name.every((word, i) => words[i] === word);
    const atEnd = name.every((word, i) => words[words.length - name.length + i] === word);
    if (!atStart && !atEnd) continue;
    const rest = atStart ? words.slice(name.length) : words.slice(0, words.length - name.length);
    return { program, label: programLabels[program], rest: rest.join(' ') };
  }
  return null;
}
