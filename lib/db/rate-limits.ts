import type { Db } from "@/lib/db/client";
import { withService } from "@/lib/db/with-user";

export interface RateDecision {
  allowed: boolean;
  /** Requests left in this window (0 when refused). */
  remaining: number;
  /** Seconds until the window resets (what `Retry-After` says when refused). */
  retryAfterSeconds: number;
}

/**
 * Counts one request against `bucket` (e.g. `api-key:<id>`, `portal-ip:<addr>`) in a
 * fixed window of `windowSeconds`, allowing `limit` per window. One statement;
 * kept in the database so every app instance shares the count. Service role: the
 * counters belong to no company and nobody reads them but this.
 */
export async function hitRateLimit(db: Db, bucket: string, limit: number, windowSeconds: number): Promise<RateDecision> {
  const [row] = await withService(db, (tx) =>
    tx.query<{ hits: number; reset_in: number }>(
      `insert into private.rate_limits as r (bucket, window_start, hits)
       values ($1, now(), 1)
       on conflict (bucket) do update
         set window_start = case when r.window_start <= now() - make_interval(secs => $2) then now() else r.window_start end,
             hits = case when r.window_start <= now() - make_interval(secs => $2) then 1 else r.hits + 1 end
       returning hits, greatest(1, ceil(extract(epoch from (window_start + make_interval(secs => $2) - now()))))::int as reset_in`,
      [bucket, windowSeconds],
    ),
  );
  const allowed = row.hits <= limit;
  return { allowed, remaining: Math.max(0, limit - row.hits), retryAfterSeconds: row.reset_in };
}
