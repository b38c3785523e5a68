// The wire shapes of the sync protocol (SPEC §5): what an account backend and the console
// exchange over HTTP. Pure schemas, no I/O: the backend validates requests with them, the
// console validates responses with them.
import { z } from 'zod';
import { agentRoleSchema, idSchema, isoInstantSchema, recordTypes } from '../domain';
import { mutationNames } from './mutation-names';

/** The protocol version this code speaks. A request naming another one is refused with `protocol_unsupported`. */
export const protocolVersion = 1;
export const supportedProtocols: readonly number[] = [protocolVersion];

/**
 * The protocol field of a request. Checked before the rest of the body so a client of
 * another version gets a message about the version, not about fields it does not know.
 */
export const protocolFieldSchema = z.literal(protocolVersion, {
  error: (issue) =>
    `This backend speaks sync protocol ${protocolVersion}; the request says ${JSON.stringify(issue.input) ?? 'nothing'}. Update the console or the backend so both speak the same version.`,
});

/** Client-chosen id of one console installation; its mutation ids and cursor belong to it. */
export const clientIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'Letters, digits, _ . : - only');

// ---------------------------------------------------------------------------------------
// Errors (any endpoint, any non-2xx status)

/**
 * Codes of a refused request as a whole (HTTP 4xx/5xx). Rejections of a single mutation
 * inside a push are in `./codes` instead.
 */
export const requestErrorCodes = {
  malformed_json: 'The body is not valid JSON.',
  invalid_request: 'The body is JSON but does not have the shape this endpoint expects (see `issues`).',
  body_too_large: 'The body is larger than the backend accepts.',
  protocol_unsupported: 'The request names a sync protocol version this backend does not speak.',
  unauthorized: 'No valid `Authorization: Bearer <token>` header: sign in again.',
  token_expired: 'The agent token has expired: sign in again.',
  invalid_credentials: 'Unknown email or wrong password.',
  client_not_yours: 'The `clientId` belongs to another agent (the one who first used it): nothing was read or processed.',
  too_many_attempts: 'Too many failed sign-ins for this account or from this address: wait `Retry-After` seconds.',
  route_not_found: 'No such endpoint.',
  method_not_allowed: 'The endpoint exists but not with this HTTP method.',
  forbidden_role: "The signed-in agent's role may not do this (a key reveal: the roles that may run T3).",
  license_key_not_found: 'A key reveal named a license key that does not exist, or whose customer no longer does.',
  no_snapshot:
    'The backend has no snapshot to serve (none built yet, or the one asked for is gone): do a paged first sync, or ask again for the manifest.',
  internal_error: 'The backend failed for a reason that is not a rule. Nothing was committed; retry later.',
} as const;
export type RequestErrorCode = keyof typeof requestErrorCodes;

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** For `invalid_request`: which field failed and why. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

// ---------------------------------------------------------------------------------------
// POST /auth/login

export const loginRequestSchema = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginAgentSchema = z.object({ id: idSchema, name: z.string(), role: agentRoleSchema });
export type LoginAgent = z.infer<typeof loginAgentSchema>;

export const loginResponseSchema = z.object({
  /** Opaque; sent back as `Authorization: Bearer <token>` on the sync endpoints. */
  token: z.string().min(1),
  agent: loginAgentSchema,
  /** After this instant the token is refused with `token_expired`. */
  expiresAt: isoInstantSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

// ---------------------------------------------------------------------------------------
// POST /auth/logout (token)

/** No body is needed; if one is sent, it is an empty object. */
export const logoutRequestSchema = z.object({}).strict();

/** The token is revoked on the backend: from now on it is refused as `unauthorized`. */
export const logoutResponseSchema = z.object({ ok: z.literal(true) });
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;

// ---------------------------------------------------------------------------------------
// GET /health

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  /** The backend's software version. */
  version: z.string(),
  /** Sync protocol versions it speaks. */
  protocols: z.array(z.int()),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

// ---------------------------------------------------------------------------------------
// POST /sync/pull

/** The backend caps a page at this many changes whatever `limit` asks. */
export const maxPullLimit = 5000;

export const pullRequestSchema = z.object({
  protocol: protocolFieldSchema,
  clientId: clientIdSchema,
  /** Opaque, from the previous page; null for a first full sync. */
  cursor: z.string().min(1).max(200).nullable(),
  /** Changes wanted in this page; the backend answers at most `maxPullLimit`. */
  limit: z.int().min(1).max(1_000_000),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const recordTypeSchema = z.enum(recordTypes);

/**
 * One changed record. `put` carries the whole record as `data` (validate it with the
 * domain's `parseRecord(type, data)`); `del` is a tombstone without data.
 */
export const changeSchema = z.object({
  type: recordTypeSchema,
  id: idSchema,
  op: z.enum(['put', 'del']),
  version: z.int().min(1),
  /** The backend-wide sequence number of this change; changes arrive in increasing `seq`. */
  seq: z.int().min(1).optional(),
  data: z.unknown().optional(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullPageSchema = z.object({
  /** Opaque: send it back unchanged in the next pull. Store it in the same transaction as the page. */
  cursor: z.string().min(1),
  /** More changes are waiting now: pull again at once. */
  hasMore: z.boolean(),
  /**
   * The last mutation id of this client the backend has processed (0 if none). Only the
   * client's own agent gets a page: another agent's pull is refused (`client_not_yours`).
   */
  lastMutationId: z.int().min(0),
  changes: z.array(changeSchema),
});
export type PullPage = z.infer<typeof pullPageSchema>;

/**
 * A page's head, also sent (optional for a backend) in the `Sync-Page-Head` response header of
 * a page, as JSON: a console can ask for the next page as soon as the answer arrives, without
 * parsing the body first. The body stays the reference: a head that disagrees with it is a
 * protocol error. Absent for a reset.
 */
export const pullPageHeadHeader = 'sync-page-head';
export const pullPageHeadSchema = pullPageSchema.pick({ cursor: true, hasMore: true, lastMutationId: true });
export type PullPageHead = z.infer<typeof pullPageHeadSchema>;

/** The cursor is older than the tombstones the backend keeps, or from another backend: start a first sync again (cursor null). */
export const pullResetSchema = z.object({ reset: z.literal('cursor_expired') });
export type PullReset = z.infer<typeof pullResetSchema>;

export const pullResponseSchema = z.union([pullResetSchema, pullPageSchema]);
export type PullResponse = z.infer<typeof pullResponseSchema>;

export function isPullReset(response: PullResponse): response is PullReset {
  return 'reset' in response;
}

// ---------------------------------------------------------------------------------------
// POST /sync/wait (token): a long poll that answers as soon as the backend has a change newer
// than the cursor, so a console learns of another console's change (an approval request) at
// once instead of at its next poll. An addition to protocol 1: a backend without it answers 404.

/** The longest a backend holds a wait before it answers `changed: false` (see core/backend/change-watch.ts). */
export const maxSyncWaitMs = 25_000;

export const waitRequestSchema = z.object({
  protocol: protocolFieldSchema,
  /** The cursor of the console's last pull page, unchanged. */
  cursor: z.string().min(1).max(200),
  /**
   * How long the console is willing to wait, in ms (default and at most `maxSyncWaitMs`: a
   * longer one is shortened). More than ten minutes is not a console's request: refused.
   */
  waitMs: z.int().min(0).max(600_000).optional(),
});
export type WaitRequest = z.infer<typeof waitRequestSchema>;

/** `changed: true`: pull now (the pull may answer `cursor_expired`); `false`: nothing new within the wait, wait again. */
export const waitResponseSchema = z.object({ changed: z.boolean() });
export type WaitResponse = z.infer<typeof waitResponseSchema>;

// ---------------------------------------------------------------------------------------
// POST /sync/push

/** The backend refuses a push of more mutations than this (`invalid_request`). */
export const maxPushMutations = 500;

export const mutationIdSchema = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * One queued mutation. `args` is checked per mutation against `mutationArgsSchemas[name]`:
 * a failure there is a `rejected` result with code `invalid_args`, not a refused request.
 * An unknown `name` refuses the whole request: the two sides disagree on the protocol.
 */
export const mutationEnvelopeSchema = z.object({
  id: mutationIdSchema,
  name: z.enum(mutationNames),
  args: z.unknown(),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export const pushRequestSchema = z.object({
  protocol: protocolFieldSchema,
  clientId: clientIdSchema,
  mutations: z
    .array(mutationEnvelopeSchema)
    .max(maxPushMutations)
    .refine((ms) => ms.every((m, i) => i === 0 || m.id > (ms[i - 1]?.id ?? 0)), {
      message: 'Mutation ids must increase within a push',
    }),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * `id_conflict`: the id was processed already, for a change with another name or args (a
 * console restored from an older copy of its data folder numbers new changes from where the
 * copy stood). This one was not applied and the last id did not move: the console sends it, and
 * everything after it, again under ids above `lastMutationId`. Never a final answer.
 */
export const mutationStatuses = ['applied', 'duplicate', 'rejected', 'id_conflict'] as const;
export type MutationStatus = (typeof mutationStatuses)[number];

export const mutationOutcomeSchema = z.object({
  id: mutationIdSchema,
  status: z.enum(mutationStatuses),
  /** For `rejected` (and a `duplicate` of a rejected one): a stable code from `rejectionCodes`. */
  code: z.string().optional(),
  /** For `rejected` and `id_conflict`: a sentence a person can read. */
  message: z.string().optional(),
  /**
   * For `applied`, and `duplicate` of an applied one: the mutation's result
   * (`MutationResult<name>`). For `stale`: `{ currentVersion, current }`.
   */
  result: z.unknown().optional(),
});
export type MutationOutcome = z.infer<typeof mutationOutcomeSchema>;

export const pushResponseSchema = z.object({
  /** The client's last processed mutation id after this push. Ids above it were not processed. */
  lastMutationId: z.int().min(0),
  /** One per processed mutation, in order. Fewer than sent when the batch halted or met an `id_conflict`. */
  results: z.array(mutationOutcomeSchema),
  /** Present when processing stopped at a mutation whose id skipped ahead of `expectedId`. */
  halted: z.object({ atId: mutationIdSchema, expectedId: mutationIdSchema, message: z.string() }).optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---------------------------------------------------------------------------------------
// POST /sync/snapshot (token), GET /sync/snapshot/<snapshotId> (token)

/**
 * A first sync (or a `cursor_expired` reset) may start from a snapshot: a file the backend
 * builds once at a known cursor and serves, unchanged, to every console. The console then
 * pulls from the manifest's `cursor` as usual. A backend without one answers 404 `no_snapshot`
 * and the console does a paged first sync instead.
 */
export const snapshotRequestSchema = z.object({
  protocol: protocolFieldSchema,
  clientId: clientIdSchema,
});
export type SnapshotRequest = z.infer<typeof snapshotRequestSchema>;

/** A snapshot's id: also the last path segment of its URL, so only URL-safe characters. */
export const snapshotIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, _ and - only');

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 digest in lower-case hex');

/** One piece of the file, verified on its own as it lands (a resumed download starts after the last verified one). */
export const snapshotChunkSchema = z.object({
  offset: z.int().min(0),
  length: z.int().min(1),
  sha256: sha256HexSchema,
});
export type SnapshotChunk = z.infer<typeof snapshotChunkSchema>;

export const snapshotManifestSchema = z
  .object({
    snapshotId: snapshotIdSchema,
    /** The console cache's migration number the file was built with; a console on another one pages instead. */
    schemaVersion: z.int().min(1),
    /** The pull cursor the snapshot stands at: the console's first pull after installing it starts here. */
    cursor: z.string().min(1).max(200),
    createdAt: isoInstantSchema,
    /** Size of the file as served (compressed), in bytes. */
    bytes: z.int().min(1),
    /** SHA-256 of the whole file as served. */
    sha256: sha256HexSchema,
    /** In order, back to back, covering the file exactly. */
    chunks: z.array(snapshotChunkSchema).min(1).max(100_000),
    /** Records in the snapshot by type, checked by the console after it opens the file. */
    counts: z.partialRecord(recordTypeSchema, z.int().min(0)),
  })
  .refine(
    (m) =>
      m.chunks.every(
        (chunk, i) =>
          chunk.offset === (i === 0 ? 0 : (m.chunks[i - 1] as SnapshotChunk).offset + (m.chunks[i - 1] as SnapshotChunk).length),
      ),
    {
      message: 'Chunks must follow each other from offset 0',
    },
  )
  .refine(
    (m) => {
      const last = m.chunks[m.chunks.length - 1];
      return last !== undefined && last.offset + last.length === m.bytes;
    },
    { message: 'Chunks must cover the file exactly' },
  );
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;
