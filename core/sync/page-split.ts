// A pulled page's body read a slice of changes at a time (page-pull.ts, page-slices.ts), not
// decoded and parsed whole before the first change can be written.
//
// Measured on a 1,000-customer delta page (665 KB, built as the backend builds it; medians of 40):
// decoding it to one string and JSON.parse of that took 7–11 ms before the first slice could be
// checked. V8 makes strings over about 128 KB in its large-object space, far more slowly than
// small ones (the 665 KB decode alone 2–5 ms; 250 changes parsed as one 166 KB text 3.9 ms, in
// pieces of 32 KB 0.8 ms). Here the bytes are scanned once for where each change begins and
// ends (strings skipped whole with indexOf) and the page without its changes (its head) is
// parsed on its own: 0.9–1.6 ms; each slice's changes are decoded and parsed, in pieces of at
// most `pieceBytes`, only when that slice is prepared (the first 50 in 0.15–0.25 ms). So the
// writer starts on a delta 5–9 ms sooner, and the preparer spends 3–4 ms on reading a page it
// spent 7–11 ms on.
//
// The rules stay those of JSON.parse and the protocol's schemas: every piece is parsed by
// JSON.parse and checked (the head with `pullResponseSchema`, each change with `changeSchema`),
// and the pieces put back together are the body, so a body is read here exactly when it parses
// whole. A body this scan does not take apart (no `changes` array written plainly, a key twice,
// brackets that do not balance) is parsed whole, as before, with the same errors.
import { Buffer } from 'node:buffer';
import { changeSchema, isPullReset } from '../protocol';
import type { Change, PullPageHead } from '../protocol';
import { decodeUtf8, notJson, notProtocol, parsePullText } from './transport';

/** A page's changes, read `from`…`to` at a time (each change checked against the protocol). */
export type ChangeSource = Readonly<{ count: number; changes: (from: number, to: number) => readonly Change[] }>;

export type PullBody = Readonly<{ reset: true }> | (Readonly<{ reset: false; head: PullPageHead }> & ChangeSource);

const quote = 0x22;
const backslash = 0x5c;
const colon = 0x3a;
const comma = 0x2c;
const openObject = 0x7b;
const closeObject = 0x7d;
const openArray = 0x5b;
const closeArray = 0x5d;
const changesKey = [...'changes'].map((char) => char.charCodeAt(0));

/** The most bytes of changes parsed in one piece: strings this size are made in V8's young generation, larger ones far more slowly. */
const pieceBytes = 32 * 1024;

const isBlank = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** Where the top-level `changes` array is (its brackets) and each of its elements (start, end): null when the scan does not take the body apart. */
type Layout = { open: number; close: number; starts: number[]; ends: number[] };

function isChangesKey(bytes: Buffer, start: number, end: number): boolean {
  if (end - start !== changesKey.length) return false;
  for (let i = 0; i < changesKey.length; i++) if (bytes[start + i] !== changesKey[i]) return false;
  return true;
}

/** The index of the quote that ends the string whose opening quote is at `at`; -1 when it never ends. */
function stringEnd(bytes: Buffer, at: number): number {
  for (let end = bytes.indexOf(quote, at + 1); end !== -1; end = bytes.indexOf(quote, end + 1)) {
    let escapes = 0;
    while (bytes[end - 1 - escapes] === backslash) escapes++;
    if (escapes % 2 === 0) return end;
  }
  return -1;
}

function scan(bytes: Buffer): Layout | null {
  const starts: number[] = [];
  const ends: number[] = [];
  let depth = 0;
  let keyStart = -1;
  let keyEnd = -1;
  // After `"changes":` at the top level, until the value's first byte.
  let wantArray = false;
  let open = -1;
  let close = -1;
  let inArray = false;
  let elementStart = 0;
  const endElement = (end: number, last: boolean) => {
    if (last && starts.length === 0) {
      // `[]`, or only blanks between the brackets: no changes.
      let blank = true;
      for (let i = elementStart; i < end && blank; i++) blank = isBlank(bytes[i] as number);
      if (blank) return;
    }
    starts.push(elementStart);
    ends.push(end);
    elementStart = end + 1;
  };
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === quote) {
      const end = stringEnd(bytes, i);
      if (end === -1) return null;
      if (depth === 1) {
        keyStart = i + 1;
        keyEnd = end;
      }
      wantArray = false;
      i = end;
    } else if (byte === colon) {
      if (depth === 1) wantArray = isChangesKey(bytes, keyStart, keyEnd);
    } else if (byte === openObject || byte === openArray) {
      depth += 1;
      if (wantArray && depth === 2 && byte === openArray) {
        // The key twice: JSON.parse keeps the last; parsed whole, so it still does.
        if (open !== -1) return null;
        open = i;
        inArray = true;
        elementStart = i + 1;
      }
      wantArray = false;
    } else if (byte === closeObject || byte === closeArray) {
      if (inArray && depth === 2) {
        if (byte !== closeArray) return null;
        endElement(i, true);
        close = i;
        inArray = false;
      }
      depth -= 1;
      if (depth < 0) return null;
      wantArray = false;
    } else if (byte === comma) {
      if (inArray && depth === 2) endElement(i, false);
      wantArray = false;
    } else if (!isBlank(byte)) wantArray = false;
  }
  return depth === 0 && open !== -1 && close !== -1 ? { open, close, starts, ends } : null;
}

/**
 * A pull answer's body, ready to be read a slice at a time: a reset, or the page's head and its
 * changes. Throws the TransportError (`protocol`) parsing it whole would for a head that does
 * not follow the protocol; a change that does not fails when its slice is read.
 */
export function readPullBody(root: string, body: ArrayBuffer): PullBody {
  const layout = scan(Buffer.from(body));
  if (layout === null) {
    const page = parsePullText(root, body);
    if (isPullReset(page)) return { reset: true };
    const { changes, ...head } = page;
    return { reset: false, head, count: changes.length, changes: (from, to) => changes.slice(from, to) };
  }
  const { open, close, starts, ends } = layout;
  const rest = parsePullText(root, decodeUtf8(body, 0, open + 1) + decodeUtf8(body, close, body.byteLength));
  if (isPullReset(rest)) return { reset: true };
  // Emptied by the scan: anything in it came under another spelling of the key (`"chang\u0065s"`).
  if (rest.changes.length > 0) throw notProtocol('/sync/pull', { path: ['changes'], message: 'the key is written more than once' });
  const { changes: _none, ...head } = rest;
  return {
    reset: false,
    head,
    count: starts.length,
    changes: (from, to) => {
      const changes: Change[] = [];
      for (let first = from; first < to;) {
        // Parsed in pieces of at most `pieceBytes`: each piece's text stays a young string.
        let end = first + 1;
        while (end < to && (ends[end] as number) - (starts[first] as number) <= pieceBytes) end++;
        let values: unknown[];
        try {
          values = JSON.parse(`[${decodeUtf8(body, starts[first] as number, ends[end - 1] as number)}]`) as unknown[];
        } catch {
          throw notJson(root, '/sync/pull');
        }
        for (let i = 0; i < values.length; i++) {
          const parsed = changeSchema.safeParse(values[i]);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw notProtocol('/sync/pull', issue ? { path: ['changes', first + i, ...issue.path], message: issue.message } : undefined);
          }
          changes.push(parsed.data);
        }
        first = end;
      }
      return changes;
    },
  };
}
