import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/connection";

/** The Postgres channel the jobs and assignments triggers notify on. */
export const BOARD_CHANNEL = "board_changes";

/** One change to a company's board, as the database announced it (ids only). */
export interface BoardEvent {
  orgId: string;
  /** The table that changed: "jobs" or "assignments". */
  table: string;
  jobId: string | null;
  /** Who made the change; null for the system (imports, workers, the seed). */
  actorId: string | null;
  /** The browser tab that made the change, when it said. */
  tabId: string | null;
  /** The local dates (company time zone) whose board the change touches. */
  days: string[];
  /** The job is or was in the unscheduled queue, which every day's board shows. */
  queue: boolean;
}

/** What a browser receives for each change: ids and days only; it fetches what RLS lets it see. */
export interface BoardChangeMessage {
  jobId: string | null;
  table: string;
  actorId: string | null;
  tabId: string | null;
  days: string[];
  queue: boolean;
}

/** How often an idle event stream sends a comment, so proxies do not close it. */
export const HEARTBEAT_MS = 15_000;

/** The heartbeat live streams use: tests shorten it with CREWBOARD_HEARTBEAT_MS; never longer than the default. */
export function streamHeartbeatMs(): number {
  const asked = Number(process.env.CREWBOARD_HEARTBEAT_MS);
  return Number.isFinite(asked) && asked >= 200 ? Math.min(asked, HEARTBEAT_MS) : HEARTBEAT_MS;
}

/** The part of an event a browser may see (the company is implied by who is listening). */
export function toChangeMessage(e: BoardEvent): BoardChangeMessage {
  return { jobId: e.jobId, table: e.table, actorId: e.actorId, tabId: e.tabId, days: e.days, queue: e.queue };
}

export type BoardEventListener = (event: BoardEvent) => void;

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/**
 * Reads a `board_changes` NOTIFY payload; null when it is not one (never throws:
 * one malformed payload must not stop the relay for everybody).
 *
 * @example
 * parseBoardEvent('{"org_id":"o1","table":"jobs","job_id":"j1","actor_id":null,"days":["2026-12-02"]}')
 * // { orgId: "o1", table: "jobs", jobId: "j1", actorId: null, tabId: null, days: ["2026-12-02"], queue: false }
 */
export function parseBoardEvent(payload: string): BoardEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const orgId = str(r.org_id);
  const table = str(r.table);
  if (!orgId || !table) return null;
  const days = Array.isArray(r.days) ? r.days.filter((d): d is string => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d)) : [];
  return { orgId, table, jobId: str(r.job_id), actorId: str(r.actor_id), tabId: str(r.tab_id), days, queue: r.queue === true };
}

/** Fans one LISTEN out to many subscribers, each of whom hears only their own company. */
export interface BoardEventHub {
  /**
   * Calls `fn` for every change to company `orgId`'s board from now on. Resolves once
   * the LISTEN is in place (so a change made after it resolves is never missed) to an
   * unsubscribe function.
   */
  subscribe(orgId: string, fn: BoardEventListener): Promise<() => void>;
  /** Number of subscribers of a company (or of all companies): for tests and health checks. */
  subscriberCount(orgId?: string): number;
  /** Stops listening and forgets every subscriber. */
  close(): Promise<void>;
}

/**
 * A hub on the database `openDb` resolves to. The LISTEN starts with the first
 * subscriber and stays up (one idle LISTEN costs nothing; tearing it down and
 * re-creating it as people open and close boards would lose changes in between).
 *
 * @example
 * const hub = createBoardEventHub(() => Promise.resolve(db));
 * const stop = await hub.subscribe(orgId, (e) => console.log(e.jobId));
 */
export function createBoardEventHub(openDb: () => Promise<Db>): BoardEventHub {
  const byOrg = new Map<string, Set<BoardEventListener>>();
  let listening: Promise<() => Promise<void>> | null = null;

  const dispatch = (payload: string) => {
    const event = parseBoardEvent(payload);
    if (!event) return;
    const listeners = byOrg.get(event.orgId);
    if (!listeners) return;
    // copy: a listener may unsubscribe while we iterate
    for (const fn of [...listeners]) {
      try {
        fn(event);
      } catch (err) {
        console.error("board event listener failed", err);
      }
    }
  };

  const ensureListening = () => {
    listening ??= openDb()
      .then((db) => db.listen(BOARD_CHANNEL, dispatch))
      .catch((err: unknown) => {
        // let the next subscriber try again instead of caching the failure
        listening = null;
        throw err;
      });
    return listening;
  };

  return {
    async subscribe(orgId, fn) {
      const listeners = byOrg.get(orgId) ?? new Set<BoardEventListener>();
      byOrg.set(orgId, listeners);
      listeners.add(fn);
      try {
        await ensureListening();
      } catch (err) {
        listeners.delete(fn);
        if (listeners.size === 0) byOrg.delete(orgId);
        throw err;
      }
      return () => {
        listeners.delete(fn);
        if (listeners.size === 0 && byOrg.get(orgId) === listeners) byOrg.delete(orgId);
      };
    },
    subscriberCount(orgId) {
      if (orgId !== undefined) return byOrg.get(orgId)?.size ?? 0;
      let n = 0;
      for (const set of byOrg.values()) n += set.size;
      return n;
    },
    async close() {
      byOrg.clear();
      const current = listening;
      listening = null;
      if (current) await (await current.catch(() => async () => {}))();
    },
  };
}

type Holder = { crewboardBoardEvents?: BoardEventHub };

/**
 * The process-wide hub on {@link getDb}: one LISTEN per process however many boards
 * are open. Kept on globalThis so dev-mode reloads and separately bundled routes
 * share it.
 */
export function boardEvents(): BoardEventHub {
  const g = globalThis as Holder;
  g.crewboardBoardEvents ??= createBoardEventHub(getDb);
  return g.crewboardBoardEvents;
}
