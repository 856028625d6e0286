import type { Queryable } from "@/lib/db/client";

export type IdempotencyClaim =
  | { state: "new" }
  | { state: "replay"; status: number; body: unknown }
  | { state: "mismatch" };

/**
 * Claims an Idempotency-Key for a key's request inside the request's own
 * transaction. A second request with the same key waits on the first one's row
 * (unique key) and then finds its stored answer: the same body replays it, another
 * body is a mismatch. A request that fails rolls back and leaves no claim.
 */
export async function claimIdempotencyKey(tx: Queryable, apiKeyId: string, orgId: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
  const inserted = await tx.query(
    `insert into public.api_idempotency_keys (api_key_id, org_id, idempotency_key, request_hash)
     values ($1, $2, $3, $4) on conflict (api_key_id, idempotency_key) do nothing returning 1`,
    [apiKeyId, orgId, key, requestHash],
  );
  if (inserted.length > 0) return { state: "new" };
  const [row] = await tx.query<{ request_hash: string; response_status: number | null; response_body: unknown }>(
    "select request_hash, response_status, response_body from public.api_idempotency_keys where api_key_id = $1 and idempotency_key = $2",
    [apiKeyId, key],
  );
  if (!row || row.request_hash !== requestHash || row.response_status == null) return { state: "mismatch" };
  const body = typeof row.response_body === "string" ? JSON.parse(row.response_body) : row.response_body;
  return { state: "replay", status: Number(row.response_status), body };
}

/** Stores the answer given to a claimed key, in the same transaction as the change. */
export async function completeIdempotencyKey(tx: Queryable, apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
  await tx.query(
    "update public.api_idempotency_keys set response_status = $3, response_body = $4::jsonb where api_key_id = $1 and idempotency_key = $2",
    [apiKeyId, key, status, JSON.stringify(body ?? null)],
  );
}
