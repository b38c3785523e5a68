import { useCallback } from 'react';
import type { CustomerMatch, ResellerCustomers } from '../../../../core/api';
import { matchKey, matchKindLabel } from '../../lib/account-match';
import { withNotes } from '../../lib/search-status';
import { SearchBox } from '../common/SearchBox';

type Props = Readonly<{
  query: string;
  matches: readonly CustomerMatch[];
  searching: boolean;
  error: string | null;
  /** Set while a first sync runs: what search cannot find yet. */
  stillLoading: string | null;
  /** Set when the query is a program's name alone: how to search within it. */
  programHint: string | null;
  /** Set when a reseller was opened: the matches are its customers. */
  reseller: ResellerCustomers | null;
  /** A call waiting for its customer to be opened (a screen pop that found several accounts, or none). */
  call?: Readonly<{ message: string; callId: string | null }> | null;
  onDismissCall?: () => void;
  onQueryChange: (query: string) => void;
  onOpen: (match: CustomerMatch) => void;
  onRendered?: () => void;
}>;

const matchedOnLabels: Readonly<Record<CustomerMatch['matchedOn'], string>> = {
  accountNumber: 'account number',
  phone: 'phone',
  email: 'email',
  name: 'name',
  company: 'company',
  contactName: 'contact name',
};

function CustomerMatchRow({ match }: Readonly<{ match: CustomerMatch }>) {
  return (
    <>
      <span className="kind">{matchKindLabel(match)}</span>
      <span className="search-title">
        {match.name}
        {match.kind !== 'staff' && match.companyName && match.companyName !== match.name ? ` · ${match.companyName}` : ''}
        {match.hasPendingChanges ? <span className="pending-tag">pending</span> : null}
      </span>
      <span className="search-detail">
        {[match.accountNumber, match.email, match.phone].filter(Boolean).join(' · ')} · matched on {matchedOnLabels[match.matchedOn]}
        {match.exact ? ' (exact)' : ''}
        {match.kind === 'reseller' ? ' · open to list its customers' : ''}
      </span>
    </>
  );
}

function resellerStatus({ reseller, customers, more }: ResellerCustomers): string {
  const listed = `${customers.length}${more ? '+' : ''} customer${customers.length === 1 ? '' : 's'}`;
  return `Customers of reseller ${reseller.name} (${reseller.accountNumber}): ${listed}. Choose one, or type to search again.`;
}

/** The console's start: one search box, the likely caller first. */
export function FindCaller({
  query,
  matches,
  searching,
  error,
  stillLoading,
  programHint,
  reseller,
  call,
  onDismissCall,
  onQueryChange,
  onOpen,
  onRendered,
}: Props) {
  const renderItem = useCallback((match: CustomerMatch) => <CustomerMatchRow match={match} />, []);
  const found = `${matches.length} ${matches.every((match) => match.kind === 'customer') ? 'customer' : 'account'}${matches.length === 1 ? '' : 's'} found`;
  const status =
    error ??
    (searching
      ? 'Searching…'
      : reseller
        ? resellerStatus(reseller)
        : query.trim() === ''
          ? (stillLoading ?? 'Type a name, email, phone (any format), account number or company, or a reseller or portal staff member.')
          : withNotes(found, programHint, stillLoading));
  return (
    <div className="screen screen-narrow">
      <section className="panel" aria-labelledby="find-heading">
        <h1 id="find-heading" tabIndex={-1} data-screen-heading>
          Find the caller
        </h1>
        {call ? (
          <div className="notice call-notice">
            <p role="status">{call.message}</p>
            {call.callId ? (
              <p className="call-notice-id">
                Call <span className="mono">{call.callId}</span> goes with the customer you open.
              </p>
            ) : null}
            {onDismissCall ? (
              <button type="button" className="secondary small" onClick={onDismissCall}>
                Not this call
              </button>
            ) : null}
          </div>
        ) : null}
        <SearchBox
          label="Find a customer"
          placeholder="Name, email, phone, account number, company"
          query={query}
          items={matches}
          status={status}
          getKey={matchKey}
          renderItem={renderItem}
          onQueryChange={onQueryChange}
          onChoose={onOpen}
          autoFocus
          maxHeight={520}
          {...(onRendered ? { onRendered } : {})}
        />
      </section>
    </div>
  );
}
