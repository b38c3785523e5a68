import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mutationNames, mutationStatuses, rejectionCodes, requestErrorCodes, snapshotManifestSchema } from '../../../core/protocol';

describe('core/backend/PROTOCOL.md', () => {
  const doc = readFileSync(new URL('../../../core/backend/PROTOCOL.md', import.meta.url), 'utf8');

  it('documents every mutation', () => {
    for (const name of mutationNames) expect(doc, name).toContain(`\`${name}\``);
  });

  it('lists every request error code, and the key reveal endpoint', () => {
    for (const code of Object.keys(requestErrorCodes)) expect(doc, code).toContain(`\`${code}\``);
    expect(doc).toContain('## `POST /keys/reveal` (token)');
  });

  it('lists every rejection code', () => {
    for (const code of Object.keys(rejectionCodes)) expect(doc, code).toContain(`\`${code}\``);
  });

  it('lists every request error code and every push result status', () => {
    for (const code of Object.keys(requestErrorCodes)) expect(doc, code).toContain(`\`${code}\``);
    for (const status of mutationStatuses) expect(doc, status).toContain(`"${status}"`);
  });

  it('describes snapshots (both endpoints, every manifest field, the fallback) and compressed pull responses', () => {
    expect(doc).toContain('## Snapshots: `POST /sync/snapshot` (token), `GET /sync/snapshot/<snapshotId>` (token)');
    for (const field of Object.keys(snapshotManifestSchema.shape)) expect(doc, field).toContain(`\`${field}\``);
    for (const header of [
      'Range',
      'ETag',
      'If-None-Match',
      'Cache-Control: private, immutable',
      '`--snapshot-every N`',
      '`--snapshot-every 0`',
    ])
      expect(doc, header).toContain(header);
    expect(doc).toContain('404 no_snapshot');
    expect(doc).toContain('paged first sync');
    expect(doc).toContain('### Compressed pull responses');
    expect(doc).toContain('Vary: Accept-Encoding');
  });
});
