// Issue 21: a supervisor's desktop notification of each new request, with a fake in place of
// Electron's Notification (the glue in electron/desktop.ts is driven the same way below).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalItem, ApprovalQueue } from '../../core/api';
import { createEventHub } from '../../core/console/events';
import { approvalNotificationContent, createApprovalNotifier } from '../../electron/approval-notifications';
import { watchDesktopEvents } from '../../electron/desktop';
import { FakeNotification } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const request: ApprovalItem = {
  id: 'apr-1',
  customerId: 'cus_1',
  customerName: 'Harborlight Logistics',
  procedure: 'P5',
  procedureTitle: 'Apply a refund',
  change: ['Refund 2 × OV SSL: $198.00'],
  reason: 'Customer read 4242 4242 4242 4242 out',
  requestedBy: 'agent-1',
  requestedByName: 'Dana Whitfield',
  requestedAt: '2026-12-06T22:00:00.000Z',
  expiresAt: '2026-12-06T22:15:00.000Z',
  status: 'pending',
  mine: false,
};
const queue = (pending: ApprovalItem[], canDecide = true): ApprovalQueue => ({ pending, canDecide });

describe('approval notifications', () => {
  beforeEach(() => {
    FakeNotification.instances.length = 0;
    FakeNotification.supported = true;
  });

  it('says who asks, for which customer and why, redacted', () => {
    const content = approvalNotificationContent(request);
    expect(content.title).toBe('Approval requested: P5 for Harborlight Logistics');
    expect(content.body).toContain('Dana Whitfield');
    expect(content.body).not.toContain('4242 4242 4242 4242');
  });

  it('notifies each new request once, never one’s own, and nothing for an agent', () => {
    const shown: string[] = [];
    const notifier = createApprovalNotifier(
      (notice) => shown.push(notice.title),
      () => undefined,
    );
    notifier.onQueue(queue([request]));
    notifier.onQueue(queue([request]));
    notifier.onQueue(
      queue([request, { ...request, id: 'apr-2', customerName: 'Quill & Feather' }, { ...request, id: 'apr-3', mine: true }]),
    );
    notifier.onQueue(queue([{ ...request, id: 'apr-4' }], false));
    expect(shown).toEqual(['Approval requested: P5 for Harborlight Logistics', 'Approval requested: P5 for Quill & Feather']);
  });

  it('through Electron: a notification whose click brings the console forward on its approvals queue', () => {
    const events = createEventHub(() => undefined);
    const showWindow = vi.fn();
    const commands: unknown[] = [];
    events.subscribe((name, payload) => {
      if (name === 'menu.command') commands.push(payload);
    });
    watchDesktopEvents({ events, logger: { warn: vi.fn() }, window: () => null, showWindow, onUpdateChecksChanged: vi.fn() });
    events.emit('approvals.changed', queue([request]));
    const notification = FakeNotification.instances[0];
    expect(notification?.shown).toBe(true);
    expect(notification?.options.title).toBe('Approval requested: P5 for Harborlight Logistics');
    notification?.fire('click');
    expect(showWindow).toHaveBeenCalledOnce();
    expect(commands).toEqual([{ command: 'show-approvals' }]);
  });
});
