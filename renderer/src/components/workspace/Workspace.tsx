import type { CustomerWorkspace } from '../../../../core/api';
import { Tabs } from '../common/Tabs';
import type { TabSpec } from '../common/Tabs';
import { AppointmentsTab } from './AppointmentsTab';
import { BillingTab } from './BillingTab';
import { HistoryTab } from './HistoryTab';
import type { HistoryTabProps } from './HistoryTab';
import { KeysTab } from './KeysTab';
import { OverviewTab } from './OverviewTab';
import { ResellerTab } from './ResellerTab';
import { StaffTab } from './StaffTab';
import { SubscriptionsTab } from './SubscriptionsTab';
import { WorkspaceHeader } from './WorkspaceHeader';

type Props = Readonly<{
  workspace: CustomerWorkspace;
  now: number;
  tab: string;
  revealed: Readonly<Record<string, string>>;
  keyMessage: string | null;
  keyOffline: boolean;
  onOfferCallback: () => void;
  onSelectTab: (tab: string) => void;
  onClose: () => void;
  onReveal: (licenseKeyId: string) => void;
  onHide: (licenseKeyId: string) => void;
  onCopy: (licenseKeyId: string) => void;
  /** The History tab and the call in progress (its `history` also gives the header's "Last contact"). */
  history: HistoryTabProps;
}>;

/** Tabs that apply to this customer's program; the others would only ever be empty. */
export function workspaceTabs(workspace: CustomerWorkspace): TabSpec[] {
  const pendingIn = (records: ReadonlyArray<{ pending: boolean }>) => (records.some((record) => record.pending) ? 'pending' : undefined);
  const tab = (id: string, label: string, badge?: string): TabSpec => (badge ? { id, label, badge } : { id, label });
  const program = workspace.customer.program;
  const tabs: TabSpec[] = [
    tab('overview', 'Overview', workspace.customer.pending || workspace.pendingChanges.length > 0 ? 'pending' : undefined),
    tab('subscriptions', 'Subscriptions', pendingIn(workspace.subscriptions)),
    tab('billing', 'Billing and transactions', pendingIn([...workspace.paymentMethods, ...workspace.transactions])),
  ];
  if (program === 'techsolutions') tabs.push(tab('keys', 'Software keys', pendingIn(workspace.licenseKeys)));
  tabs.push(tab('appointments', 'Callbacks and live sessions', pendingIn([...workspace.callbacks, ...workspace.liveSessions])));
  if (program === 'member') tabs.push(tab('staff', 'Staff accounts', pendingIn(workspace.portalUsers)));
  if (workspace.reseller) tabs.push(tab('reseller', 'Reseller', workspace.reseller.pending ? 'pending' : undefined));
  tabs.push(tab('history', 'History'));
  return tabs;
}

export function Workspace({
  workspace,
  now,
  tab,
  revealed,
  keyMessage,
  keyOffline,
  onOfferCallback,
  onSelectTab,
  onClose,
  onReveal,
  onHide,
  onCopy,
  history,
}: Props) {
  const tabs = workspaceTabs(workspace);
  const selected = tabs.some((spec) => spec.id === tab) ? tab : 'overview';
  return (
    <div className="workspace">
      <WorkspaceHeader
        workspace={workspace}
        now={now}
        onClose={onClose}
        lastContact={history.history?.lastContact ?? null}
        callOpen={history.history?.openCall != null}
        onWrapUp={() => onSelectTab('history')}
      />
      <section className="panel" aria-label="Customer details" data-keep-scroll>
        <Tabs label="Customer details" tabs={tabs} selected={selected} onSelect={onSelectTab}>
          {selected === 'overview' ? <OverviewTab workspace={workspace} /> : null}
          {selected === 'subscriptions' ? <SubscriptionsTab workspace={workspace} /> : null}
          {selected === 'billing' ? <BillingTab workspace={workspace} now={now} /> : null}
          {selected === 'keys' ? (
            <KeysTab
              workspace={workspace}
              revealed={revealed}
              message={keyMessage}
              offline={keyOffline}
              onOfferCallback={onOfferCallback}
              onReveal={onReveal}
              onHide={onHide}
              onCopy={onCopy}
            />
          ) : null}
          {selected === 'appointments' ? <AppointmentsTab workspace={workspace} /> : null}
          {selected === 'staff' ? <StaffTab workspace={workspace} /> : null}
          {selected === 'reseller' ? <ResellerTab workspace={workspace} /> : null}
          {selected === 'history' ? <HistoryTab {...history} /> : null}
        </Tabs>
      </section>
    </div>
  );
}
