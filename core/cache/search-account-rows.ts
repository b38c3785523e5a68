// What the account index (migration 0015) holds of a reseller or a portal staff member, and
// the exact keys each is found by. Pure, so the migration can use it without the database
// module (which imports the migrations).
import { customerKeys } from './search-keys';

export type AccountKind = 'reseller' | 'staff';

/** One row of `account_search`, in the statement's named parameters. */
export type AccountRow = Readonly<{
  kind: AccountKind;
  recordId: string;
  customerId: string | null;
  program: string;
  accountNumber: string;
  name: string;
  company: string | null;
  contactName: string;
  email: string;
  phone: string;
}>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The row of a `reseller` or `portalUser` record (null: another type, or not an account). */
export function accountRowOf(type: string, id: string, data: Readonly<Record<string, unknown>>): AccountRow | null {
  if (type === 'reseller') {
    return {
      kind: 'reseller',
      recordId: id,
      customerId: null,
      program: text(data.program),
      accountNumber: text(data.accountNumber),
      name: text(data.name),
      company: typeof data.companyName === 'string' ? data.companyName : null,
      contactName: text(data.contactName),
      email: text(data.contactEmail),
      phone: text(data.contactPhone),
    };
  }
  if (type === 'portalUser' && typeof data.customerId === 'string') {
    // A staff member signs in to the member portal by email: that is how a caller names their account.
    return {
      kind: 'staff',
      recordId: id,
      customerId: data.customerId,
      program: 'member',
      accountNumber: '',
      name: text(data.fullName),
      company: null,
      contactName: text(data.fullName),
      email: text(data.email),
      phone: '',
    };
  }
  return null;
}

/** A staff member's one key. The end of a first sync builds them in SQL with this function too (search-accounts.ts). */
export function staffEmailKey(email: string): string | null {
  return email ? `e:${email.trim().toLowerCase()}` : null;
}

/** A reseller: the same keys as a customer. A staff member: the email only. */
export function accountKeysOf(row: Pick<AccountRow, 'kind' | 'accountNumber' | 'email' | 'phone'>): string[] {
  if (row.kind === 'staff') {
    const key = staffEmailKey(row.email);
    return key ? [key] : [];
  }
  return customerKeys({ accountNumber: row.accountNumber, email: row.email, phone: row.phone });
}

/** Types whose records are accounts in this index. */
export const accountRecordTypes: ReadonlySet<string> = new Set(['reseller', 'portalUser']);
