import type { ContactFields } from '../../../../core/domain';
import { spokenPhone } from '../../../../core/procedures/registry/spoken';
import { countryName } from '../../lib/countries';

/**
 * The contact lines of a customer's or a reseller's facts (company name when there is one,
 * contact, phone as the agent would say it, email, address), inside the caller's `<dl>`.
 */
export function ContactFacts({ party }: Readonly<{ party: ContactFields }>) {
  const address = party.address;
  return (
    <>
      {party.companyName ? (
        <>
          <dt>Company name</dt>
          <dd>{party.companyName}</dd>
        </>
      ) : null}
      <dt>Contact name</dt>
      <dd>{party.contactName}</dd>
      <dt>Contact phone</dt>
      <dd>
        {spokenPhone(party.contactPhone, party)}
        {party.contactExtension ? ` ext. ${party.contactExtension}` : ''}
      </dd>
      <dt>Contact email</dt>
      <dd>{party.contactEmail}</dd>
      <dt>Address</dt>
      <dd>
        {[address.line1, address.line2, address.city, address.state, address.postalCode, countryName(address.country)]
          .filter(Boolean)
          .join(', ')}
      </dd>
    </>
  );
}
