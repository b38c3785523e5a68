import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptKey, closeCodes, createFrameReader, encodeFrame, opcodes } from '../../../core/server/websocket';
import type { FrameEvent } from '../../../core/server/websocket';

const mask = () => randomBytes(4);
const text = (value: string, fin = true, opcode: number = opcodes.text) => {
  const frame = encodeFrame(opcode, Buffer.from(value), mask());
  if (!fin) frame[0] = frame[0]! & 0x7f;
  return frame;
};

function reader(max = 1024) {
  const events: FrameEvent[] = [];
  return { events, read: createFrameReader(max, (event) => events.push(event)) };
}

describe('websocket frames', () => {
  it('answers the handshake key as RFC 6455 shows', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('reads masked text messages, whole, split across chunks and in fragments', () => {
    const { events, read } = reader();
    read(text('{"a":1}'));
    const long = 'x'.repeat(300);
    const frame = text(long);
    read(frame.subarray(0, 3));
    read(frame.subarray(3));
    read(Buffer.concat([text('part one, ', false), encodeFrame(opcodes.ping, Buffer.from('p'), mask()), text('part two', true, opcodes.continuation)]));
    expect(events).toEqual([
      { kind: 'text', text: '{"a":1}' },
      { kind: 'text', text: long },
      { kind: 'ping', payload: Buffer.from('p') },
      { kind: 'text', text: 'part one, part two' },
    ]);
  });

  it('refuses unmasked frames, binary messages and messages over the limit', () => {
    const unmasked = reader();
    unmasked.read(encodeFrame(opcodes.text, Buffer.from('hi')));
    expect(unmasked.events).toEqual([{ kind: 'error', code: closeCodes.protocolError, reason: 'Client frames must be masked.' }]);

    const binary = reader();
    binary.read(encodeFrame(opcodes.binary, Buffer.from([1, 2]), mask()));
    expect(binary.events).toEqual([{ kind: 'error', code: closeCodes.unsupported, reason: 'Only text messages are accepted.' }]);

    const big = reader(100);
    big.read(text('y'.repeat(60), false));
    big.read(text('y'.repeat(60), true, opcodes.continuation));
    expect(big.events).toEqual([{ kind: 'error', code: closeCodes.tooBig, reason: 'Message too large.' }]);
    big.read(text('after the error'));
    expect(big.events).toHaveLength(1);
  });

  it('reports a close frame and reads nothing after it', () => {
    const { events, read } = reader();
    read(Buffer.concat([encodeFrame(opcodes.close, Buffer.from([0x03, 0xe8]), mask()), text('late')]));
    expect(events).toEqual([{ kind: 'close' }]);
  });
});
