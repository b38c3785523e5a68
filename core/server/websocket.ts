// The little of RFC 6455 the browser-mode call socket needs: the handshake answer, reading
// the browser's (masked) frames into text messages, and writing unmasked text frames.
// Binary messages, extensions and subprotocols are not offered, so none can arrive.
import { createHash } from 'node:crypto';

const handshakeGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const opcodes = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Close codes this server sends. */
export const closeCodes = { normal: 1000, protocolError: 1002, unsupported: 1003, policy: 1008, tooBig: 1009 } as const;

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + handshakeGuid).digest('base64');
}

/** One frame, unmasked (server to browser) unless a mask is given (clients, and tests acting as one). */
export function encodeFrame(opcode: number, payload: Buffer, mask?: Buffer): Buffer {
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (mask ? 4 : 0));
  header[0] = 0x80 | opcode;
  header[1] = (mask ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) header.writeUInt16BE(length, 2);
  else if (lengthBytes === 8) header.writeBigUInt64BE(BigInt(length), 2);
  if (!mask) return Buffer.concat([header, payload]);
  mask.copy(header, 2 + lengthBytes);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i] = masked[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, masked]);
}

export function closeFrame(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return encodeFrame(opcodes.close, payload);
}

export type FrameEvent =
  | Readonly<{ kind: 'text'; text: string }>
  | Readonly<{ kind: 'ping'; payload: Buffer }>
  | Readonly<{ kind: 'close' }>
  | Readonly<{ kind: 'error'; code: number; reason: string }>;

/**
 * Reads a client's byte stream into whole messages. A message larger than `maxMessageBytes`,
 * an unmasked frame (the RFC requires browsers to mask) or a binary message is an error:
 * the caller closes the socket with the code given.
 */
export function createFrameReader(maxMessageBytes: number, emit: (event: FrameEvent) => void): (chunk: Buffer) => void {
  let buffer: Buffer = Buffer.alloc(0);
  let parts: Buffer[] = [];
  let partsBytes = 0;
  let failed = false;

  const fail = (code: number, reason: string) => {
    failed = true;
    buffer = Buffer.alloc(0);
    parts = [];
    emit({ kind: 'error', code, reason });
  };

  return (chunk) => {
    if (failed) return;
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    while (!failed && buffer.length >= 2) {
      const first = buffer[0]!;
      const second = buffer[1]!;
      const fin = (first & 0x80) !== 0;
      const opcode = first & 0x0f;
      if ((first & 0x70) !== 0) return fail(closeCodes.protocolError, 'No extension was agreed.');
      if ((second & 0x80) === 0) return fail(closeCodes.protocolError, 'Client frames must be masked.');
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        const long = buffer.readBigUInt64BE(2);
        if (long > BigInt(maxMessageBytes)) return fail(closeCodes.tooBig, 'Message too large.');
        length = Number(long);
        offset = 10;
      }
      if (length > maxMessageBytes || partsBytes + length > maxMessageBytes) return fail(closeCodes.tooBig, 'Message too large.');
      if (buffer.length < offset + 4 + length) return;
      const mask = buffer.subarray(offset, offset + 4);
      const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
      buffer = buffer.subarray(offset + 4 + length);

      if (opcode >= 0x8) {
        // Control frames are never fragmented and may come between a message's fragments.
        if (!fin || length > 125) return fail(closeCodes.protocolError, 'Malformed control frame.');
        if (opcode === opcodes.close) {
          failed = true;
          emit({ kind: 'close' });
          return;
        }
        if (opcode === opcodes.ping) emit({ kind: 'ping', payload });
        else if (opcode !== opcodes.pong) return fail(closeCodes.protocolError, 'Unknown control frame.');
        continue;
      }
      if (opcode === opcodes.binary) return fail(closeCodes.unsupported, 'Only text messages are accepted.');
      if (opcode === opcodes.text) {
        if (parts.length > 0) return fail(closeCodes.protocolError, 'A new message began before the last one ended.');
      } else if (opcode === opcodes.continuation) {
        if (parts.length === 0) return fail(closeCodes.protocolError, 'A continuation without a message.');
      } else {
        return fail(closeCodes.protocolError, 'Unknown frame.');
      }
      parts.push(payload);
      partsBytes += payload.length;
      if (fin) {
        const text = Buffer.concat(parts).toString('utf8');
        parts = [];
        partsBytes = 0;
        emit({ kind: 'text', text });
      }
    }
  };
}
