import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mutationNames, rejectionCodes, requestErrorCodes } from '../../../core/protocol';

describe('core/backend/PROTOCOL.md', () => {
  const doc = readFileSync(new URL('../../../core/backend/PROTOCOL.md', import.meta.url), 'utf8');

  it('documents every mutation', () => {
    for (const name of mutationNames) expect(doc, name).toContain(`\`${name}\``);
  });

  it('lists every rejection code', () => {
    for (const code of Object.keys(rejectionCodes)) expect(doc, code).toContain(`\`${code}\``);
  });

  it('lists every request error code', () => {
    for (const code of Object.keys(requestErrorCodes)) expect(doc, code).toContain(`\`${code}\``);
  });
});
