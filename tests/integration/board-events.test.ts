// Live board updates: one LISTEN on board_changes fanned out per company, and the
// server-sent events route on top of it. Real changes in a real database.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { withUser } from "@/lib/db/with-user";
import type { SessionContext } from "@/lib/db/accounts";
import { createBoardEventHub, parseBoardEvent, type BoardEvent, type BoardEventHub } from "@/lib/realtime/board-events";
import { createBoard, testTargets, type BoardFixture, type TestUser } from "@/supabase/tests/helpers";

const session = vi.hoisted(() => ({ current: null as SessionContext | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", () => ({
  getSession: async () => session.current,
  // the route asks for the server-side session (and re-checks it only at a heartbeat, after these tests)
  getCurrentSession: async () => (session.current ? { tokenHash: "board-events-test", context: session.current } : null),
}));
vi.mock("@/lib/db/connection", () => ({
  getDb: async () => {
    if (!session.db) throw new Error("no test database");
    return session.db;
  },
}));

/** Polls until `check` holds; notifications arrive asynchronously after commit. */
async function eventually(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Makes one more committed change in the company and waits for its event. Notifications
 * arrive in commit order on the one channel, so once this one is seen, any event an
 * earlier change would have caused has been delivered too: what has not come, will not.
 */
async function fence(db: Db, f: BoardFixture, seen: BoardEvent[]): Promise<void> {
  const before = seen.length;
  await bumpPriority(db, f.users.dispatcher, f.jobId);
  await eventually(() => seen.slice(before).some((e) => e.table === "jobs" && e.jobId === f.jobId), "the fence change's event");
}

function bumpPriority(db: Db, user: TestUser, jobId: string) {
  return withUser(db, user, (tx) => tx.query("update public.jobs set priority = case when priority = 1 then 2 else 1 end where id = $1", [jobId]));
}

function moveAssignment(db: Db, user: TestUser, assignmentId: string) {
  return withUser(db, user, (tx) =>
    tx.query("update public.assignments set starts_at = starts_at + interval '15 minutes', ends_at = ends_at + interval '15 minutes' where id = $1", [
      assignmentId,
    ]),
  );
}

describe("parseBoardEvent", () => {
  test.each([
    [
      "a job change",
      '{"org_id":"o","table":"jobs","job_id":"j","actor_id":"u","tab_id":"t","days":["2026-12-02"],"queue":false}',
      { orgId: "o", table: "jobs", jobId: "j", actorId: "u", tabId: "t", days: ["2026-12-02"], queue: false },
    ],
    [
      "a system change to a queued job",
      '{"org_id":"o","table":"jobs","job_id":"j","actor_id":null,"tab_id":null,"days":[],"queue":true}',
      { orgId: "o", table: "jobs", jobId: "j", actorId: null, tabId: null, days: [], queue: true },
    ],
    [
      "days that are not dates are dropped",
      '{"org_id":"o","table":"assignments","job_id":"j","days":["2026-12-02", 7, "soon"]}',
      { orgId: "o", table: "assignments", jobId: "j", actorId: null, tabId: null, days: ["2026-12-02"], queue: false },
    ],
    ["no company", '{"table":"jobs","job_id":"j"}', null],
    ["not JSON", "jobs changed", null],
    ["not an object", "42", null],
  ])("%s", (_, payload, expected) => {
    expect(parseBoardEvent(payload)).toEqual(expected);
  });
});

describe.each(testTargets())("board events on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;
  let hub: BoardEventHub;
  let listenCalls = 0;

  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db, { name: "Alpha Heating" });
    b = await createBoard(db, { name: "Bravo Plumbing" });
    const counted: Db = {
      ...db,
      listen: (channel, fn) => {
        listenCalls++;
        return db.listen(channel, fn);
      },
    };
    hub = createBoardEventHub(async () => counted);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.close();
  });

  test("a change in company A reaches A's subscribers and never B's", async () => {
    const seenByA: BoardEvent[] = [];
    const seenByB: BoardEvent[] = [];
    const stopA = await hub.subscribe(a.orgId, (e) => seenByA.push(e));
    const stopB = await hub.subscribe(b.orgId, (e) => seenByB.push(e));
    try {
      await bumpPriority(db, a.users.dispatcher, a.jobId);
      await eventually(() => seenByA.length > 0, "A's job change");
      expect(seenByA).toContainEqual(expect.objectContaining({ orgId: a.orgId, table: "jobs", jobId: a.jobId, actorId: a.users.dispatcher.userId }));

      await moveAssignment(db, b.users.dispatcher, b.assignmentId);
      await eventually(() => seenByB.length > 0, "B's assignment change");
      expect(seenByB).toContainEqual(expect.objectContaining({ orgId: b.orgId, table: "assignments", jobId: b.jobId, actorId: b.users.dispatcher.userId }));
      await fence(db, a, seenByA);
      await fence(db, b, seenByB);

      expect(seenByA.map((e) => e.orgId)).not.toContain(b.orgId);
      expect(seenByB.map((e) => e.orgId)).not.toContain(a.orgId);
      expect(seenByB.map((e) => e.jobId)).not.toContain(a.jobId);
    } finally {
      stopA();
      stopB();
    }
  });

  test("many subscribers share one LISTEN, and an unsubscribed one hears nothing more", async () => {
    const first: BoardEvent[] = [];
    const second: BoardEvent[] = [];
    const stopFirst = await hub.subscribe(a.orgId, (e) => first.push(e));
    const stopSecond = await hub.subscribe(a.orgId, (e) => second.push(e));
    expect(hub.subscriberCount(a.orgId)).toBe(2);
    expect(listenCalls).toBe(1);

    stopSecond();
    await moveAssignment(db, a.users.admin, a.assignmentId);
    await eventually(() => first.length > 0, "the remaining subscriber's event");
    // one notification is handed to every subscriber at once: had the second still been
    // listening, it would hold the event the first has
    expect(second).toEqual([]);
    stopFirst();
    expect(hub.subscriberCount()).toBe(0);
  });

  test("an event names the local day it touches and the browser tab that made it", async () => {
    const seen: BoardEvent[] = [];
    const stop = await hub.subscribe(a.orgId, (e) => seen.push(e));
    try {
      const [{ day }] = await withUser(db, a.users.dispatcher, (tx) =>
        tx.query<{ day: string }>(
          `select ((a.starts_at + interval '15 minutes') at time zone c.time_zone)::date::text as day
             from public.assignments a join public.companies c on c.id = a.org_id where a.id = $1`,
          [a.assignmentId],
        ),
      );
      await withUser(
        db,
        a.users.dispatcher,
        (tx) =>
          tx.query("update public.assignments set starts_at = starts_at + interval '15 minutes', ends_at = ends_at + interval '15 minutes' where id = $1", [
            a.assignmentId,
          ]),
        { tabId: "tab-0123456789" },
      );
      await eventually(() => seen.some((e) => e.table === "assignments"), "the assignment's event");
      expect(seen.find((e) => e.table === "assignments")).toEqual({
        orgId: a.orgId,
        table: "assignments",
        jobId: a.jobId,
        actorId: a.users.dispatcher.userId,
        tabId: "tab-0123456789",
        days: [day],
        queue: false,
      });
    } finally {
      stop();
    }
  });

  test("a change that is rolled back announces nothing", async () => {
    const seen: BoardEvent[] = [];
    const stop = await hub.subscribe(a.orgId, (e) => seen.push(e));
    await expect(
      withUser(db, a.users.dispatcher, async (tx) => {
        await tx.query("update public.jobs set priority = 4 where id = $1", [a.jobId]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await fence(db, a, seen);
    // the fence's own event is all there is
    expect(seen).toHaveLength(1);
    stop();
  });
});

describe("GET /api/board/events", () => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;

  const sessionOf = (f: BoardFixture, user: TestUser): SessionContext => ({
    user: { userId: user.userId, email: user.email, name: "Test", orgId: f.orgId, role: user.role },
    company: { id: f.orgId, name: "Test", timeZone: "America/Chicago" },
  });

  beforeAll(async () => {
    db = await testTargets()[0].open();
    session.db = db;
    a = await createBoard(db, { name: "Alpha Heating" });
    b = await createBoard(db, { name: "Bravo Plumbing" });
  });
  afterAll(async () => {
    const g = globalThis as { crewboardBoardEvents?: BoardEventHub };
    await g.crewboardBoardEvents?.close();
    delete g.crewboardBoardEvents;
    session.db = null;
    await db?.close();
  });

  test("refuses a request without a session", async () => {
    session.current = null;
    const { GET } = await import("@/app/api/board/events/route");
    const res = await GET(new Request("http://localhost/api/board/events"));
    expect(res.status).toBe(401);
  });

  test("streams the signed-in company's changes as `change` events, and nobody else's", async () => {
    session.current = sessionOf(a, a.users.viewer);
    const { GET } = await import("@/app/api/board/events/route");
    const { boardEvents } = await import("@/lib/realtime/board-events");
    const abort = new AbortController();
    const res = await GET(new Request("http://localhost/api/board/events", { signal: abort.signal }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);

    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    })();
    await eventually(() => boardEvents().subscriberCount(a.orgId) === 1, "the route's subscription");

    await bumpPriority(db, b.users.dispatcher, b.jobId);
    await bumpPriority(db, a.users.dispatcher, a.jobId);
    // B's change committed first on the same channel: by the time A's event is here, B's
    // would have been too
    await eventually(() => text.includes("event: change"), "a change event");

    const events = text
      .split("\n\n")
      .filter((block) => block.startsWith("event: change"))
      .map((block) => JSON.parse(block.split("\ndata: ")[1]));
    expect(events).toEqual([expect.objectContaining({ jobId: a.jobId, table: "jobs", actorId: a.users.dispatcher.userId, tabId: null })]);
    expect(text).not.toContain(b.jobId);

    abort.abort();
    await pump;
    expect(boardEvents().subscriberCount()).toBe(0);
  });
});
