// defineAction, the one wrapper of every server action: who may call it, what bad input
// and refused writes turn into, and that a failure writes nothing. Real database, real
// constraints, row-level security and server-side sessions; only the request's cookie
// is given directly (as the session it names).
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { newSessionId, sessionIdHash } from "@/lib/auth/session-token";
import { createSession, revokeSession, type SessionToken } from "@/lib/db/sessions";
import { withService } from "@/lib/db/with-user";
import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { createBoard, createJob, testTargets, type BoardFixture, type TestUser } from "@/supabase/tests/helpers";

const session = vi.hoisted(() => ({ current: null as SessionToken | null, db: null as Db | null, transactions: 0 }));
// the guard against importing server code into the browser bundle has nothing to guard here
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ getSessionToken: async () => session.current }));
vi.mock("@/lib/db/connection", () => ({
  getDb: async () => {
    const db = session.db;
    if (!db) throw new Error("no test database");
    // counts the transactions an action opens
    return { ...db, transaction: <T>(fn: Parameters<Db["transaction"]>[0]) => (session.transactions++, db.transaction(fn) as Promise<T>) };
  },
}));


const JobInput = z.object({
  workOrder: z.string().min(1, "Enter a work order."),
  priority: z.number().int(),
  customerId: z.string(),
  lat: z.number().nullable().optional(),
});

describe("defineAction", () => {
  let db: Db;
  let f: BoardFixture;
  /** Signs `user` in: a live server-side session of their own, as their cookie would name it. */
  const as = async (user: TestUser): Promise<SessionToken> => {
    const token = { tokenHash: sessionIdHash(newSessionId()), userId: user.userId, orgId: f.orgId };
    await createSession(db, { ...token, expiresAt: new Date(Date.now() + 3_600_000) });
    session.current = token;
    return token;
  };
  const jobsNamed = async (workOrder: string) =>
    (await withService(db, (tx) => tx.query("select id from public.jobs where org_id = $1 and work_order = $2", [f.orgId, workOrder]))).length;

  /** Adds a job as the caller: every refusal below comes from the database itself. */
  const addJob = defineAction({
    roles: ["admin", "dispatcher", "viewer"],
    schema: JobInput,
    auditContext: (input) => ({ source: "test", work_order: input.workOrder }),
    run: async (input, { tx, session: s }) => {
      const [row] = await tx.query<{ id: string }>(
        "insert into public.jobs (org_id, work_order, customer_id, priority, estimated_minutes, lat, lng) values ($1, $2, $3, $4, 60, $5, 41.9) returning id",
        [s.user.orgId, input.workOrder, input.customerId, input.priority, input.lat === undefined ? -87.6 : input.lat],
      );
      return row.id;
    },
  });

  beforeAll(async () => {
    db = await testTargets()[0].open();
    session.db = db;
    f = await createBoard(db, { name: "Action Heating" });
  });
  afterAll(async () => {
    session.db = null;
    await db?.close();
  });

  test("no session: told to sign in again", async () => {
    session.current = null;
    expect(await addJob({ workOrder: "WO-A1", priority: 3, customerId: f.customerId })).toEqual({
      ok: false,
      error: { code: "unauthenticated", message: "Your session has ended. Sign in again." },
    });
  });

  test("a session ended on the server (signed out elsewhere): told to sign in again, nothing written", async () => {
    const token = await as(f.users.dispatcher);
    await revokeSession(db, token.tokenHash);
    expect(await addJob({ workOrder: "WO-A9", priority: 3, customerId: f.customerId })).toEqual({
      ok: false,
      error: { code: "unauthenticated", message: "Your session has ended. Sign in again." },
    });
    expect(await jobsNamed("WO-A9")).toBe(0);
  });

  test("a role the action does not allow: refused before anything runs, naming the role", async () => {
    await as(f.users.technician);
    expect(await addJob({ workOrder: "WO-A2", priority: 3, customerId: f.customerId })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Your role (technician) cannot do this." },
    });
    expect(await jobsNamed("WO-A2")).toBe(0);
  });

  test("bad input: each field's message under its path", async () => {
    await as(f.users.dispatcher);
    const result = await addJob({ workOrder: "", priority: 2.5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("validation");
    expect(result.error.message).toBe("Some fields need attention.");
    expect(result.error.fieldErrors?.workOrder).toEqual(["Enter a work order."]);
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(["customerId", "priority", "workOrder"]);
    // input that is not an object at all is reported on the form as a whole
    const whole = await addJob("nonsense");
    expect(whole.ok === false && whole.error.fieldErrors?._?.length).toBe(1);
  });

  test("success: the value, one transaction, the action's audit context on its rows", async () => {
    await as(f.users.dispatcher);
    session.transactions = 0;
    const result = await addJob({ workOrder: "WO-A3", priority: 2, customerId: f.customerId });
    // the session and membership are read in the action's own transaction, not before it
    expect(session.transactions).toBe(1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [audit] = await withService(db, (tx) =>
      tx.query<{ actor_id: string; context: Record<string, unknown> }>(
        "select actor_id, context from public.audit_log where table_name = 'jobs' and row_id = $1 and action = 'insert'",
        [result.data],
      ),
    );
    expect(audit.actor_id).toBe(f.users.dispatcher.userId);
    expect(audit.context).toMatchObject({ source: "test", work_order: "WO-A3" });
  });

  test("a rule of the business raised inside: its code, words and fields as they were, nothing written", async () => {
    await as(f.users.dispatcher);
    const refuse = defineAction({
      roles: ["dispatcher"],
      schema: JobInput,
      run: async (input, { tx, session: s }) => {
        await tx.query("insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, lat, lng) values ($1, $2, $3, 60, 41.9, -87.6)", [
          s.user.orgId,
          input.workOrder,
          input.customerId,
        ]);
        throw new ActionFailure("conflict", "Ali Haddad is already booked 10:00–11:00.", { start: ["Pick another time."] });
      },
    });
    expect(await refuse({ workOrder: "WO-A4", priority: 3, customerId: f.customerId })).toEqual({
      ok: false,
      error: { code: "conflict", message: "Ali Haddad is already booked 10:00–11:00.", fieldErrors: { start: ["Pick another time."] } },
    });
    expect(await jobsNamed("WO-A4")).toBe(0);
  });

  test("the database's refusals become plain words: duplicate, missing reference, broken rule, missing value, not allowed", async () => {
    await as(f.users.dispatcher);
    const existing = await createJob(db, f.orgId, f.customerId);
    expect(await addJob({ workOrder: existing.workOrder, priority: 3, customerId: f.customerId })).toEqual({
      ok: false,
      error: { code: "conflict", message: "That already exists." },
    });
    expect(await addJob({ workOrder: "WO-A5", priority: 3, customerId: "00000000-0000-4000-8000-000000000000" })).toEqual({
      ok: false,
      error: { code: "refused", message: "That refers to something that does not exist in your company." },
    });
    const broken = await addJob({ workOrder: "WO-A6", priority: 9, customerId: f.customerId });
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.code).toBe("refused");
      // the check's own words, naming the rule
      expect(broken.error.message).toMatch(/priority/);
    }
    expect(await addJob({ workOrder: "WO-A8", priority: 3, customerId: f.customerId, lat: null })).toEqual({
      ok: false,
      error: { code: "refused", message: "A value is missing: lat." },
    });
    await as(f.users.viewer);
    expect(await addJob({ workOrder: "WO-A7", priority: 3, customerId: f.customerId })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "You do not have permission to make this change." },
    });
    for (const wo of ["WO-A5", "WO-A6", "WO-A7", "WO-A8"]) expect(await jobsNamed(wo)).toBe(0);
  });

  test("anything else is not dressed up: the error reaches the server's error handling", async () => {
    await as(f.users.dispatcher);
    const broken = defineAction({
      roles: ["dispatcher"],
      schema: z.object({}),
      run: async (_input, { tx }) => tx.query("select * from public.no_such_table"),
    });
    await expect(broken({})).rejects.toThrow(/no_such_table/);
  });
});
