import type { RecordInput } from '../../../core/backend/storage/interface';
import type { RecordOf, RecordType } from '../../../core/domain';
import type { AgentConsole } from './fixtures';

/** Someone else changes a record on the backend, behind the console's back (its version moves on). */
export function changeBehindTheConsole<T extends RecordType>(
  agentConsole: AgentConsole,
  type: T,
  id: string,
  change: (record: RecordOf<T>) => RecordInput<T>,
) {
  const store = agentConsole.backend().store;
  const current = store.get(type, id);
  if (!current) throw new Error(`fixture ${type} ${id} missing`);
  store.put(type, change(current));
}
