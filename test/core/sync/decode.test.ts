import { describe, expect, it } from 'vitest';
import { decodeUtf8, parsePullText } from '../../../core/sync/transport';

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'utf8')).buffer;

describe('pull pages as bytes', () => {
  it('decodes UTF-8 text and its ASCII-escaped form to the same page', () => {
    const page = {
      cursor: 'b:1',
      hasMore: false,
      lastMutationId: 0,
      changes: [{ type: 'customer', id: 'c1', op: 'del', version: 2, note: 'José Álvarez 😀 Zoë' }],
    };
    const utf8 = JSON.stringify(page);
    const ascii = utf8.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(ascii).not.toBe(utf8);
    expect(decodeUtf8(bytesOf(utf8))).toBe(utf8);
    expect(decodeUtf8(bytesOf(ascii))).toBe(ascii);
    expect(parsePullText('test', bytesOf(ascii))).toEqual(parsePullText('test', bytesOf(utf8)));
    expect(decodeUtf8(bytesOf('Zoë'))).toBe('Zoë');
  });
});
