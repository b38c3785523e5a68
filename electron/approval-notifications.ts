import type { ApprovalItem, ApprovalQueue } from '../core/api';
import { redact } from '../core/security/redact';

/**
 * Issue 21: a supervisor's desktop notification for each new request waiting for their
 * decision (`approvals.changed`). Thin glue: what to say and when is here, showing it is the
 * caller's (`electron/desktop.ts`, with Electron's Notification), so a fake can stand in.
 */
export type ApprovalNotice = Readonly<{ title: string; body: string }>;

/** Redacted: notification centres keep their history on disk, and a reason is free text. */
export function approvalNotificationContent(item: ApprovalItem): ApprovalNotice {
  return {
    title: redact(`Approval requested: ${item.procedure} for ${item.customerName}`),
    body: redact(`${item.requestedByName}: ${item.reason}`),
  };
}

export type ApprovalNotifier = Readonly<{
  /** Each queue the console announces; notifies once per request that was not waiting before. */
  onQueue: (queue: ApprovalQueue) => void;
}>;

/**
 * `show` puts one notification up and calls `onClick` when it is clicked (the caller brings the
 * window forward and opens the queue). The first queue after sign-in is what already waits:
 * announced too, once, so a supervisor who signs in learns of it.
 */
export function createApprovalNotifier(
  show: (notice: ApprovalNotice, onClick: () => void) => void,
  openQueue: () => void,
): ApprovalNotifier {
  const announced = new Set<string>();
  return {
    onQueue(queue) {
      if (!queue.canDecide) {
        announced.clear();
        return;
      }
      for (const item of queue.pending) {
        if (item.mine || announced.has(item.id)) continue;
        announced.add(item.id);
        show(approvalNotificationContent(item), openQueue);
      }
    },
  };
}
