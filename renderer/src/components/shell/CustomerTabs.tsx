import { useId } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { ConfirmDialog, Dialog } from '../common/Dialog';
import { formatInstant } from '../../lib/format';
import { tabIndexAfterKey } from '../common/tab-keys';

export type CustomerTabSpec = Readonly<{
  customerId: string;
  name: string;
  accountNumber: string | null;
  /** "T5 in progress", when a run is open in it. */
  runNote: string | null;
  /** The phone system's id of the call the tab was opened for (a screen pop). */
  callId?: string;
}>;

type Props = Readonly<{
  tabs: readonly CustomerTabSpec[];
  /** null: "Find the caller". */
  selectedId: string | null;
  onSelect: (customerId: string | null) => void;
  onClose: (customerId: string) => void;
  children: ReactNode;
}>;

const stripAttribute = 'data-customer-tabs';

/** Whether the keyboard is in the strip: a tab shown from there keeps the focus where the agent is. */
export function focusInCustomerTabs(): boolean {
  const focused = document.activeElement;
  return focused instanceof HTMLElement && focused.closest(`[${stripAttribute}]`) !== null;
}

/**
 * The open customers as tabs, "Find the caller" first. The close buttons sit beside their tabs,
 * outside the tablist (which may own tabs only): the tablist owns its tabs through aria-owns.
 */
export function CustomerTabs({ tabs, selectedId, onSelect, onClose, children }: Props) {
  const baseId = useId();
  const tabId = (customerId: string | null) => `${baseId}-tab-${customerId ?? 'find'}`;
  const panelId = `${baseId}-panel`;
  const order = [null, ...tabs.map((tab) => tab.customerId)];

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const index = order.indexOf(selectedId);
    const next = tabIndexAfterKey(event.key, index, order.length);
    if (event.key === 'Delete' && selectedId !== null) {
      event.preventDefault();
      onClose(selectedId);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    const customerId = order[next] ?? null;
    onSelect(customerId);
    document.getElementById(tabId(customerId))?.focus();
  }

  function tabButton(customerId: string | null, label: ReactNode, name: string) {
    const selected = customerId === selectedId;
    return (
      <button
        type="button"
        role="tab"
        id={tabId(customerId)}
        aria-selected={selected}
        aria-controls={panelId}
        aria-label={name}
        tabIndex={selected ? 0 : -1}
        className="customer-tab"
        onClick={() => onSelect(customerId)}
        onKeyDown={onKeyDown}
      >
        {label}
      </button>
    );
  }

  return (
    <div className="customer-tabs-screen">
      <nav className="customer-strip" aria-label="Customer tabs" {...{ [stripAttribute]: '' }}>
        <div role="tablist" aria-label="Open customers" aria-owns={order.map(tabId).join(' ')} />
        <div className="customer-chip customer-chip-find">{tabButton(null, 'Find the caller', 'Find the caller')}</div>
        {tabs.map((tab) => {
          const name = [
            tab.name,
            tab.accountNumber ? `account ${tab.accountNumber}` : null,
            tab.runNote,
            tab.callId ? `call ${tab.callId}` : null,
          ]
            .filter(Boolean)
            .join(', ');
          const selected = tab.customerId === selectedId;
          return (
            <div key={tab.customerId} className={selected ? 'customer-chip selected' : 'customer-chip'}>
              {tabButton(
                tab.customerId,
                <>
                  <span className="customer-tab-name">{tab.name}</span>
                  {tab.accountNumber ? <span className="customer-tab-account mono">{tab.accountNumber}</span> : null}
                  {tab.runNote ? <span className="customer-tab-run">{tab.runNote}</span> : null}
                  {tab.callId ? (
                    <span className="customer-tab-call mono" title={`Call ${tab.callId}`}>
                      Call {tab.callId}
                    </span>
                  ) : null}
                </>,
                name,
              )}
              <button
                type="button"
                className="customer-tab-close"
                aria-label={`Close ${tab.name}`}
                title={`Close ${tab.name}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => onClose(tab.customerId)}
              >
                ×
              </button>
            </div>
          );
        })}
      </nav>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selectedId)} className="customer-tabpanel">
        {children}
      </div>
    </div>
  );
}

type CloseProps = Readonly<{
  question: Readonly<{
    customerName: string;
    runTitle: string | null;
    stepTitle: string | null;
    call: Readonly<{ startedAt: string; callId: string | null }> | null;
  }> | null;
  onConfirm: () => void;
  onWrapUp: () => void;
  onCancel: () => void;
}>;

/** What closing the tab does to its run and its call, in words. */
function closeTabDescription(question: NonNullable<CloseProps['question']>): string {
  const at = question.stepTitle ? ` at “${question.stepTitle}”` : '';
  const run = question.runTitle
    ? `The run ${question.runTitle} is not finished${at}. Closing the tab does not end it: it stays saved, and when you open ${question.customerName} again it is listed under Interrupted runs, ready to resume.`
    : '';
  const call = question.call
    ? `The call${question.call.callId ? ` ${question.call.callId}` : ''} started at ${formatInstant(question.call.startedAt)} is not wrapped up. Kept open, it shows again, with what was done in it, when you open ${question.customerName} again.`
    : '';
  return [run, call].filter((part) => part !== '').join(' ');
}

/**
 * Asked before closing a tab with a run in progress or a call not wrapped up; keeping the tab
 * is the default (Enter, Escape). With a call: "Wrap up now" (the tab stays, on its wrap-up form)
 * or "Close tab and keep the call open".
 */
export function CloseTabDialog({ question, onConfirm, onWrapUp, onCancel }: CloseProps) {
  if (!question?.call)
    return (
      <ConfirmDialog
        open={question !== null}
        title={question ? `Close ${question.customerName}?` : 'Close the tab?'}
        description={question ? closeTabDescription(question) : ''}
        confirmLabel="Close tab"
        cancelLabel="Keep it open"
        onConfirm={onConfirm}
        onCancel={onCancel}
      />
    );
  return (
    <Dialog
      open
      title={`Close ${question.customerName}?`}
      role="alertdialog"
      description={closeTabDescription(question)}
      onClose={onCancel}
    >
      <div className="button-row">
        <button type="button" onClick={onWrapUp}>
          Wrap up now
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Close tab and keep the call open
        </button>
        <button type="button" className="secondary" data-autofocus onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
