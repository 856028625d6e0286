/**
 * What one drag costs the database, measured in process on the benchmark's own data
 * folder once its server has stopped: the statements a move runs (the action's one
 * transaction, its session lookup, BEGIN and COMMIT included) and their time
 * without HTTP, React or the browser.
 */
import type { Db, Queryable } from "@/lib/db/client";
import { openPglite } from "@/lib/db/client";
import { loadSessionContext } from "@/lib/db/accounts";
import { loadBoardDay } from "@/lib/db/board";
import { placeJob } from "@/lib/db/board-changes";
import { withUser } from "@/lib/db/with-user";
import { createSession, withSessionUser } from "@/lib/db/sessions";
import { newSessionId, sessionIdHash } from "@/lib/auth/session-token";

/** Wraps a database so every statement sent (transactions' BEGIN and COMMIT too) is counted. */
function counting(db: Db, count: { n: number }): Db {
  const wrap = (q: Queryable): Queryable => ({
    query: (text, params) => {
      count.n++;
      return q.query(text, params);
    },
    exec: (script) => {
      count.n++;
      return q.exec(script);
    },
  });
  const base = wrap(db);
  return {
    ...db,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => {
      count.n += 2;
      return db.transaction((tx) => fn(wrap(tx)));
    },
  };
}

export interface DragCost {
  statements: number;
  dbMsP50: number;
  dbMsP95: number;
}

/**
 * Moves `samples` visits of `date` by +15 minutes as the dispatcher `email`, through
 * the same calls the board's move action makes, and reports statements per move
 * and database time.
 */
export async function measureDragCost(dataDir: string, email: string, date: string, now: Date, samples = 40): Promise<DragCost> {
  const raw = await openPglite({ dataDir });
  try {
    const [who] = await raw.query<{ user_id: string; org_id: string }>(
      "select m.user_id, m.org_id from public.memberships m join public.profiles p on p.id = m.user_id where p.email = $1",
      [email],
    );
    const session = await loadSessionContext(raw, who.user_id, who.org_id);
    if (!session) throw new Error(`${email} is not a member of a company`);
    // a signed-in dispatcher's server-side session, as their cookie names it
    const token = { tokenHash: sessionIdHash(newSessionId()), userId: who.user_id, orgId: who.org_id };
    await createSession(raw, { ...token, expiresAt: new Date(Date.now() + 3_600_000) });
    const day = await withUser(raw, session.user, (tx) => loadBoardDay(tx, session.user.orgId, date));
    const movable = day!.assignments.filter((a) => !a.publishedAt && Date.parse(a.start) > now.getTime() + 3_600_000);
    const count = { n: 0 };
    const db = counting(raw, count);
    const times: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < Math.min(samples, movable.length); i++) {
      const a = movable[(i * 37) % movable.length];
      const job = day!.jobs[a.jobId];
      count.n = 0;
      const t = performance.now();
      // what placeJobAction does: one transaction that reads the session, then places
      await withSessionUser(db, token, (s, tx) =>
        placeJob(
          tx,
          s.user,
          {
            jobId: job.id,
            jobVersion: job.version,
            assignmentVersion: a.version,
            leaderId: a.leaderId,
            helperIds: a.helperIds,
            start: new Date(Date.parse(a.start) + 15 * 60_000).toISOString(),
            end: new Date(Date.parse(a.end) + 15 * 60_000).toISOString(),
            notifyCustomer: false,
          },
          now,
        ),
      ).catch(() => undefined);
      times.push(performance.now() - t);
      counts.push(count.n);
      // the move changed versions: fetch the visit again before it is picked a second time
      const fresh = await withUser(raw, session.user, (tx) => loadBoardDay(tx, session.user.orgId, date, { technicianIds: [a.leaderId] }));
      const moved = fresh!.assignments.find((x) => x.jobId === a.jobId);
      if (moved) Object.assign(a, moved);
      if (fresh!.jobs[a.jobId]) day!.jobs[a.jobId] = fresh!.jobs[a.jobId];
    }
    times.sort((x, y) => x - y);
    counts.sort((x, y) => x - y);
    const pick = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
    return { statements: pick(counts, 50), dbMsP50: pick(times, 50), dbMsP95: pick(times, 95) };
  } finally {
    await raw.close();
  }
}
