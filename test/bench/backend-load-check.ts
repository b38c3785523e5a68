// The load bench's exactly-once check: every mutation the simulated consoles pushed must have
// had its effect once in the backend's data, however often it was sent, whichever process took
// it, and whatever connection was cut meanwhile. Read from the data (a pull), never from the
// push answers, which are the backend's own account of itself.
//
// - `callback.schedule`: each carries a tag of its own in `reason` (`loadTag`); the data must
//   hold exactly one callback with that tag if it was applied, none if it was rejected.
// - `customer.updateDetails`: each console changes only its own customer, so that customer's
//   version must have grown by exactly the number of its updates that were applied (a rejected
//   one writes nothing; an update never answered may or may not have landed).

export type SentMutation = Readonly<{
  clientId: string;
  id: number;
  kind: 'callback' | 'details';
  /** `callback`: the tag in its reason. `details`: the customer it changes. */
  target: string;
  /** What the backend answered in the end (a `duplicate` counts as what it duplicates); `unanswered` when no answer came before the run ended. */
  outcome: 'applied' | 'rejected' | 'unanswered';
}>;

export type ObservedData = Readonly<{
  /** Callbacks in the data per load tag (tags not sent by the run included). */
  callbacksByTag: ReadonlyMap<string, number>;
  /** Version before the run and now, for each customer a console updates. */
  customerVersions: ReadonlyMap<string, Readonly<{ before: number; after: number }>>;
}>;

export type ExactlyOnceReport = Readonly<{
  mutations: number;
  applied: number;
  rejected: number;
  unanswered: number;
  /** Applied, but its effect is not in the data. */
  lost: number;
  /** An effect more than once, an effect of a rejected mutation, or one no mutation of the run asked for. */
  duplicated: number;
  /** The first few discrepancies, for a person to read. */
  problems: readonly string[];
}>;

/** The reason of a load callback: who sent it under which id, so the data can be matched to the sending. */
export function loadTag(clientId: string, id: number): string {
  return `Load test ${clientId} mutation ${id}`;
}

const loadTagPattern = /^Load test \S+ mutation \d+$/;

/** Whether a callback's reason is a load bench tag (records of the demo data are not counted). */
export function isLoadTag(reason: string): boolean {
  return loadTagPattern.test(reason);
}

export function checkExactlyOnce(sent: readonly SentMutation[], observed: ObservedData): ExactlyOnceReport {
  let lost = 0;
  let duplicated = 0;
  const problems: string[] = [];
  const note = (line: string) => {
    if (problems.length < 10) problems.push(line);
  };
  const count = (outcome: SentMutation['outcome']) => sent.filter((m) => m.outcome === outcome).length;

  const tagsSent = new Set<string>();
  for (const mutation of sent.filter((m) => m.kind === 'callback')) {
    tagsSent.add(mutation.target);
    const found = observed.callbacksByTag.get(mutation.target) ?? 0;
    const expected = mutation.outcome === 'applied' ? 1 : 0;
    const allowed = mutation.outcome === 'unanswered' ? 1 : expected;
    if (found < expected) {
      lost += expected - found;
      note(`${mutation.clientId} #${mutation.id} (callback) was applied but no callback carries its tag`);
    } else if (found > allowed) {
      duplicated += found - allowed;
      note(`${mutation.clientId} #${mutation.id} (callback, ${mutation.outcome}) has ${found} callbacks in the data`);
    }
  }
  for (const [tag, found] of observed.callbacksByTag) {
    if (tagsSent.has(tag)) continue;
    duplicated += found;
    note(`${found} callback(s) tagged "${tag}", which no mutation of this run sent`);
  }

  const detailsByCustomer = new Map<string, SentMutation[]>();
  for (const mutation of sent.filter((m) => m.kind === 'details')) {
    detailsByCustomer.set(mutation.target, [...(detailsByCustomer.get(mutation.target) ?? []), mutation]);
  }
  for (const [customerId, mutations] of detailsByCustomer) {
    const versions = observed.customerVersions.get(customerId);
    const applied = mutations.filter((m) => m.outcome === 'applied').length;
    const unanswered = mutations.filter((m) => m.outcome === 'unanswered').length;
    if (!versions) {
      lost += applied;
      note(`customer ${customerId}: no version was observed for it`);
      continue;
    }
    const grown = versions.after - versions.before;
    if (grown < applied) {
      lost += applied - grown;
      note(`customer ${customerId}: ${applied} update(s) applied, its version grew by ${grown}`);
    } else if (grown > applied + unanswered) {
      duplicated += grown - applied - unanswered;
      note(`customer ${customerId}: ${applied} update(s) applied (${unanswered} unanswered), its version grew by ${grown}`);
    }
  }

  return {
    mutations: sent.length,
    applied: count('applied'),
    rejected: count('rejected'),
    unanswered: count('unanswered'),
    lost,
    duplicated,
    problems,
  };
}
