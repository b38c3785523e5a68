import { useCallback } from 'react';
import type { CustomerMatch } from '../../../../core/api';
import { programLabels } from '../../../../core/domain';
import type { Program } from '../../../../core/domain';
import { SearchBox } from '../common/SearchBox';

type Props = Readonly<{
  query: string;
  matches: readonly CustomerMatch[];
  searching: boolean;
  error: string | null;
  /** Set while a first sync runs: what search cannot find yet. */
  stillLoading: string | null;
  onQueryChange: (query: string) => void;
  onOpen: (customerId: string) => void;
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

export function CustomerMatchRow({ match }: Readonly<{ match: CustomerMatch }>) {
  return (
    <>
      <span className="kind">{programLabels[match.program as Program] ?? match.program}</span>
      <span className="search-title">
        {match.name}
        {match.companyName && match.companyName !== match.name ? ` · ${match.companyName}` : ''}
        {match.hasPendingChanges ? <span className="pending-tag">pending</span> : null}
      </span>
      <span className="search-detail">
        {match.accountNumber} · {match.email} · {match.phone} · matched on {matchedOnLabels[match.matchedOn]}
        {match.exact ? ' (exact)' : ''}
      </span>
    </>
  );
}

/** The console's start: one search box, the likely caller first. */
export function FindCaller({ query, matches, searching, error, stillLoading, onQueryChange, onOpen, onRendered }: Props) {
  const renderItem = useCallback((match: CustomerMatch) => <CustomerMatchRow match={match} />, []);
  const found = `${matches.length} customer${matches.length === 1 ? '' : 's'} found`;
  const status =
    error ??
    (searching
      ? 'Searching…'
      : query.trim() === ''
        ? (stillLoading ?? 'Type a name, email, phone (any format), account number or company.')
        : stillLoading ? `${found}. ${stillLoading}` : found);
  return (
    <div className="screen screen-narrow">
      <section className="panel" aria-labelledby="find-heading">
        <h1 id="find-heading" tabIndex={-1} data-screen-heading>
          Find the caller
        </h1>
        <SearchBox
          label="Find a customer"
          placeholder="Name, email, phone, account number, company"
          query={query}
          items={matches}
          status={status}
          getKey={(match) => match.id}
          renderItem={renderItem}
          onQueryChange={onQueryChange}
          onChoose={(match) => onOpen(match.id)}
          autoFocus
          maxHeight={520}
          {...(onRendered ? { onRendered } : {})}
        />
      </section>
    </div>
  );
}
