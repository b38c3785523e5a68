// GET /sync/snapshot/<snapshotId>: the file as it is on disk, streamed (never read whole into
// memory). Immutable: its ETag is its SHA-256, so a client or a cache that has it asks with
// If-None-Match and gets 304; a resumed download asks for the rest with one `Range`.
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { SnapshotManifest } from '../../protocol';

/** The byte range a `Range` header asks for: null to send the whole file, 'unsatisfiable' for a 416. */
function requestedRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (header === undefined) return null;
  // One range only. Anything else (several ranges, another unit, a malformed header) is
  // ignored, as RFC 9110 allows: the answer is the whole file.
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    // The last n bytes.
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/**
 * Answers with the snapshot at `path`. Returns false, having sent nothing, when the file is
 * gone (deleted since it was listed): the caller answers 404.
 */
export async function serveSnapshotFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  manifest: SnapshotManifest,
): Promise<boolean> {
  let file;
  try {
    file = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    const size = (await file.stat()).size;
    const etag = `"${manifest.sha256}"`;
    const headers = { etag, 'cache-control': 'private, immutable', 'accept-ranges': 'bytes' };
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    // If-Range with another validator: the file changed for that client, so all of it.
    const ifRange = req.headers['if-range'];
    const range = ifRange !== undefined && ifRange !== etag ? null : requestedRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': 0 });
      res.end();
      return true;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    res.writeHead(range ? 206 : 200, {
      ...headers,
      'content-type': 'application/octet-stream',
      'content-length': end - start + 1,
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (size === 0) {
      res.end();
      return true;
    }
    // The handle is closed by the stream when it ends or fails.
    const stream = file.createReadStream({ start, end });
    file = undefined;
    // A client that goes away mid-file (it resumes with a Range later), or a read that fails:
    // the connection ends, and the client's chunk hashes tell it what it has.
    await pipeline(stream, res).catch(() => res.destroy());
    return true;
  } finally {
    await file?.close();
  }
}
