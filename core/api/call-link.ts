// Screen pop (issue 21 part 3): the link a phone system opens when a call rings, read and
// checked before the console does anything with it. Pure: Electron's main process forwards
// `support-console://call?…` as text, browser mode reads `#/call?…` from the address bar, and
// both end here. A link that fails any check changes nothing; its reason is shown to the agent.
import { isCountryCode, maskCardNumbers, normalizePhone } from '../domain';
import type { CustomerMatch } from './customers';

export const callLinkScheme = 'support-console';
/** Longer than any real call link: a phone system's own extra parameters fit well within it. */
export const maxCallLinkChars = 2048;
/** Call ids are UUIDs (Genesys Cloud, Amazon Connect) or Twilio's 34-character SIDs: 128 is ample. */
export const maxCallIdChars = 128;
const maxPhoneChars = 40;
/** A number read without a `+` is taken as this country's, as elsewhere in the console; `country=` overrides it. */
const defaultCountry = 'US';

export type CallLink = Readonly<{
  /** E.164, as records store phones: what the lookup matches on. */
  phone: string;
  /** The number as the agent reads it back, e.g. "+1 415 555 0134". */
  phoneShown: string;
  /** The phone system's id of the call, kept with the customer's tab; null when the link gives none. */
  callId: string | null;
}>;

export type CallLinkResult = Readonly<{ ok: true; call: CallLink }> | Readonly<{ ok: false; reason: string }>;

const refused = (reason: string): CallLinkResult => ({ ok: false, reason });

/** Control, format (bidirectional overrides), private-use and unassigned characters: nothing a call id is made of. */
const invisibleCharacters = /\p{C}/u;

/** What a refused value is called in a message: short, nothing invisible in it, and never a card number pasted in by mistake. */
function quoted(value: string): string {
  const visible = maskCardNumbers(value.replace(/\p{C}/gu, '?'));
  return `"${visible.length > 24 ? `${visible.slice(0, 24)}…` : visible}"`;
}

/**
 * `support-console://call?phone=…&callId=…` (the form a phone system is given). Any other
 * scheme, host or path is refused, so a link meant for something else never pops a customer.
 */
export function parseCallLink(link: string): CallLinkResult {
  if (link.length > maxCallLinkChars) return refused(`The link is longer than ${maxCallLinkChars} characters.`);
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return refused('The link is not a web address the console can read.');
  }
  if (url.protocol !== `${callLinkScheme}:`) return refused(`The link is not a ${callLinkScheme}:// link.`);
  if (url.host.toLowerCase() !== 'call' || (url.pathname !== '' && url.pathname !== '/') || url.username || url.password || url.port) {
    return refused(`The link must start ${callLinkScheme}://call?…; this one names another page.`);
  }
  return parseCallQuery(url.search.slice(1));
}

/**
 * Browser mode's address: `#/call?phone=…&callId=…`. Null when the fragment is not a route at
 * all (empty, or the `#token=…` the console was opened with): that is not a call link.
 */
export function parseCallHash(hash: string): CallLinkResult | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith('/')) return null;
  if (fragment.length > maxCallLinkChars) return refused(`The link is longer than ${maxCallLinkChars} characters.`);
  const queryAt = fragment.indexOf('?');
  const path = queryAt < 0 ? fragment : fragment.slice(0, queryAt);
  if (path !== '/call' && path !== '/call/')
    return refused('The link must be #/call?phone=…; the console has no other page to open from a link.');
  return parseCallQuery(queryAt < 0 ? '' : fragment.slice(queryAt + 1));
}

/**
 * Parameters split by hand rather than by URLSearchParams: that one reads `+` as a space,
 * and phone systems put the `+` of an E.164 number into links unencoded.
 */
function queryParameters(query: string): Map<string, string[]> | string {
  const parameters = new Map<string, string[]>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(equals < 0 ? part : part.slice(0, equals));
      value = equals < 0 ? '' : decodeURIComponent(part.slice(equals + 1));
    } catch {
      return 'The link has a badly encoded value (a % not followed by two hex digits).';
    }
    parameters.set(name, [...(parameters.get(name) ?? []), value]);
  }
  return parameters;
}

function parseCallQuery(query: string): CallLinkResult {
  const parameters = queryParameters(query);
  if (typeof parameters === 'string') return refused(parameters);
  // Other parameters are the phone system's own (queue, agent, …): they are ignored.
  const phones = parameters.get('phone') ?? [];
  const callIds = parameters.get('callId') ?? [];
  const countries = parameters.get('country') ?? [];
  if (phones.length === 0) return refused('The link has no phone number (phone=…).');
  if (phones.length > 1) return refused(`The link names ${phones.length} phone numbers; a call comes from one.`);
  if (callIds.length > 1) return refused(`The link names ${callIds.length} call ids; a call has one.`);
  if (countries.length > 1) return refused('The link names more than one country.');

  const country = countries[0]?.trim().toUpperCase() ?? defaultCountry;
  if (!isCountryCode(country)) {
    return refused(`${quoted(countries[0] ?? '')} is not a country code (two letters, e.g. GB).`);
  }
  const phone = readPhone(phones[0] ?? '', country);
  if (!phone.ok) return phone;

  const callId = callIds[0];
  if (callId !== undefined) {
    if (callId.trim() === '') return refused('The call id is empty: leave callId out, or give the phone system’s id of the call.');
    if (callId.length > maxCallIdChars) return refused(`The call id is longer than ${maxCallIdChars} characters.`);
    if (invisibleCharacters.test(callId)) return refused('The call id contains control or invisible characters.');
  }
  return { ok: true, call: { ...phone.call, callId: callId?.trim() ?? null } };
}

function readPhone(given: string, country: string): CallLinkResult {
  // Genesys Cloud and SIP systems give the caller as a URI: tel:+14155550134 or sip:+1415…@host.
  const value = given
    .trim()
    .replace(/^(?:tel|sip):/i, '')
    .replace(/@.*$/, '');
  if (value === '') return refused('The link has no phone number (phone= is empty).');
  if (value.length > maxPhoneChars || invisibleCharacters.test(value)) return refused(`${quoted(value)} is not a phone number.`);
  if (/^(?:anonymous|private|restricted|unknown|unavailable|withheld)$/i.test(value)) {
    return refused('The caller’s number is withheld, so there is nothing to look up: ask the caller who they are.');
  }
  const normalized = normalizePhone(value, country);
  if (!normalized.ok)
    return refused(
      `${quoted(value)} is not a valid phone number${value.startsWith('+') ? '' : ` in ${country} (send it with its country code, e.g. +44…)`}.`,
    );
  return { ok: true, call: { phone: normalized.e164, phoneShown: normalized.international, callId: null } };
}

/** What a call's matches lead to: the one caller's tab, a reseller's customers, or search with the number typed. */
export type CallerOutcome =
  | Readonly<{ action: 'open'; customerId: string; match: CustomerMatch }>
  | Readonly<{ action: 'reseller'; match: CustomerMatch }>
  | Readonly<{ action: 'search'; found: number }>;

export function callerOutcome(matches: readonly CustomerMatch[]): CallerOutcome {
  const [only, ...others] = matches;
  if (!only || others.length > 0) return { action: 'search', found: matches.length };
  // A reseller has no workspace of its own: its customers are listed and the caller names one.
  if (only.customerId === null) return { action: 'reseller', match: only };
  return { action: 'open', customerId: only.customerId, match: only };
}

/** What the agent is told a call led to, as one sentence for a status message. */
export function callerMessage(call: CallLink, outcome: CallerOutcome, stillLoading = false): string {
  const from = `Call from ${call.phoneShown}`;
  switch (outcome.action) {
    case 'open': {
      const who = outcome.match.kind === 'staff' ? (outcome.match.companyName ?? outcome.match.name) : outcome.match.name;
      return `${from}: ${who}${outcome.match.accountNumber ? ` (${outcome.match.accountNumber})` : ''} is open.`;
    }
    case 'reseller':
      return `${from}: reseller ${outcome.match.name}. Its customers are listed: ask which one the call is about.`;
    case 'search':
      if (outcome.found > 0) return `${from}: ${outcome.found} accounts have this number. Choose the caller.`;
      return stillLoading
        ? `${from}: no account found yet, as accounts are still loading. Search again in a moment, or by name, email or account number.`
        : `${from}: no account has this number. Search by name, email or account number.`;
  }
}
