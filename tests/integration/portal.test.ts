/**
 * The customer portal through its real code: the request form's checks, rate
 * limits and honeypot, geocoding (a Nominatim-compatible server on 127.0.0.1, and
 * the offline postal-code table), the job through lights-out dispatch, the
 * confirmation in the outbox, the tracking link and the customer's changes.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { createTemplate } from "@/lib/db/templates";
import { JOB_SELECT, mapJob } from "@/lib/db/board";
import { findPortalCompany, savePortalSettings } from "@/lib/db/portal";
import { submitPortalRequest, PORTAL_LIMITS } from "@/lib/portal/submit";
import { changeFromTracking, readTracking } from "@/lib/portal/tracking";
import { openTrackingStream } from "@/lib/portal/tracking-stream";
import { listReviewQueue } from "@/lib/db/dispatch";
import { answerReschedule } from "@/lib/db/portal-answers";
import { reportVisitStatus } from "@/lib/db/visit-status";
import { createBoardEventHub } from "@/lib/realtime/board-events";
import { failureOf, testTargets } from "@/supabase/tests/helpers";
import { NINE_AM, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

describe.each(testTargets())("customer portal on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let other: TestBoard;
  let templateId: string;
  let hiddenTemplateId: string;
  let geocoder: Server;
  let geocoderUrl: string;
  let addressSeq = 0;

  beforeAll(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    other = await createTestBoard(db);
    const admin = { ...b.users.admin, name: "Ada Admin" };
    const template = (name: string) => ({
      name,
      defaultMinutes: 60,
      requiredSkills: ["HVAC"],
      priority: 3 as const,
      notes: null,
      dispatchMode: "auto" as const,
      autoDispatchEnabled: true,
      active: true,
      leaderIds: [],
      helperIds: [],
    });
    templateId = await withUser(db, admin, (tx) => createTemplate(tx, b.orgId, template("Cooling repair")));
    hiddenTemplateId = await withUser(db, admin, (tx) => createTemplate(tx, b.orgId, template("Internal audit")));
    await withUser(db, admin, (tx) => savePortalSettings(tx, b.orgId, true, [templateId]));
    // a geocoding service that knows one street exactly
    geocoder = createServer((req, res) => {
      const q = new URL(req.url ?? "/", "http://x").searchParams;
      const known = q.get("street")?.includes("Wacker");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(known ? [{ lat: "41.8789", lon: "-87.6359", display_name: "233 South Wacker Drive, Chicago", place_rank: 30 }] : []));
    });
    await new Promise<void>((resolve) => geocoder.listen(0, "127.0.0.1", resolve));
    geocoderUrl = `http://127.0.0.1:${(geocoder.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    geocoder?.close();
    await db?.close();
  });

  const form = (over: Record<string, string> = {}) => ({
    name: "Dana Whitfield",
    phone: "+13125550142",
    email: "",
    address: "233 S Wacker Dr",
    city: "Chicago",
    postalCode: "60606",
    problem: "The rooftop unit blows warm air.",
    templateId,
    preferredDate: "",
    preferredWindow: "any",
    website: "",
    ...over,
  });
  const submit = (raw: Record<string, string>, options: { geocoderUrl?: string | null; slug?: string; address?: string } = {}) =>
    submitPortalRequest(db, options.slug ?? b.slug, raw, {
      now: NINE_AM,
      clientAddress: options.address ?? `198.51.100.${++addressSeq}`,
      trackingUrlFor: (token) => `https://crew.example/track/${token}`,
      geocoder: { url: options.geocoderUrl === undefined ? geocoderUrl : options.geocoderUrl },
    });

  test("a request becomes a dispatched job with a tracking link, a confirmation, and an audit trail in the customer's name", async () => {
    const r = await submit(form());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.decision.state).toBe("auto_assigned");
    expect(r.data.window).not.toBeNull();
    expect(r.data.approximate).toBe(false);
    const rows = await withService(db, (tx) =>
      tx.query<{ id: string; source: string; lat: number; created_by_name: string; notes: string }>(
        `select j.id, j.source, j.lat, p.full_name as created_by_name, j.notes from public.jobs j join public.profiles p on p.id = j.created_by where j.org_id = $1 and j.work_order = $2`,
        [b.orgId, r.data.workOrder],
      ),
    );
    expect(rows[0]).toMatchObject({ source: "portal", created_by_name: "A customer via the portal" });
    const [exact] = await withUser(db, b.dispatcher, (tx) => tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [rows[0].id]));
    expect(mapJob(exact).locationApproximate).toBe(false);
    expect(Number(rows[0].lat)).toBeCloseTo(41.8789, 4);
    const notices = await withService(db, (tx) =>
      tx.query<{ body: string; channel: string; kind: string }>("select body, channel, kind from public.notifications where job_id = $1", [rows[0].id]),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channel: "sms", kind: "portal_confirmation" });
    expect(notices[0].body).toContain(`https://crew.example/track/${r.data.token}`);
    const audit = await withService(db, (tx) =>
      tx.query<{ context: { via?: string } | null }>("select context from public.audit_log where row_id = $1 and action = 'insert'", [rows[0].id]),
    );
    expect(audit[0].context?.via).toBe("portal");

    const view = await readTracking(db, r.data.token, NINE_AM);
    expect(view).toMatchObject({ stage: "scheduled", workOrder: r.data.workOrder, service: "Cooling repair", canChange: true });
    expect(view!.window).toEqual(r.data.window);
    // the first name only
    expect(view!.technicianFirstName).toMatch(/^(Ali|Sam|Mei)$/);
  });

  test("a request for a day with no room is booked on the first day that has one, at the time of day asked for", async () => {
    // 16:00 on the test day: the morning asked for has passed, so today has no room
    const fourPm = new Date("2026-11-23T22:00:00Z");
    const r = await submitPortalRequest(db, b.slug, form({ name: "Noor Haddad", preferredWindow: "morning" }), {
      now: fourPm,
      clientAddress: `198.51.100.${++addressSeq}`,
      trackingUrlFor: (token) => `https://crew.example/track/${token}`,
      geocoder: { url: geocoderUrl },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.decision.state).toBe("auto_assigned");
    expect(r.data.decision.reason).toMatch(/^no room on Mon Nov 23; first day with room Tue Nov 24: best of \d eligible: /);
    // Tuesday morning in Chicago: 08:00–12:00 is 14:00–18:00 UTC
    expect(r.data.window!.start >= "2026-11-24T14:00:00.000Z" && r.data.window!.end <= "2026-11-24T18:00:00.000Z").toBe(true);
    const [job] = await withService(db, (tx) =>
      tx.query<{ window_start: Date; window_end: Date; dispatch_state: string }>("select window_start, window_end, dispatch_state from public.jobs where org_id = $1 and work_order = $2", [b.orgId, r.data.workOrder]),
    );
    expect({ start: new Date(job.window_start).toISOString(), end: new Date(job.window_end).toISOString(), state: job.dispatch_state }).toEqual({
      start: "2026-11-24T14:00:00.000Z",
      end: "2026-11-24T18:00:00.000Z",
      state: "auto_assigned",
    });
    const view = await readTracking(db, r.data.token, fourPm);
    expect(view).toMatchObject({ stage: "scheduled", window: r.data.window });
  });

  test("without a geocoding service the postal code places the job, flagged approximate", async () => {
    const r = await submit(form({ address: "1 Nowhere Lane" }), { geocoderUrl: null });
    expect(r.ok && r.data.approximate).toBe(true);
    // the board reads the job as placed approximately
    const [row] = await withUser(db, b.dispatcher, (tx) => tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.org_id = $1 and j.work_order = $2`, [b.orgId, r.ok ? r.data.workOrder : ""]));
    expect(mapJob(row).locationApproximate).toBe(true);
    const unknown = await submit(form({ address: "1 Nowhere Lane", postalCode: "", city: "" }), { geocoderUrl: null });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(Object.keys(unknown.error.fieldErrors ?? {})).toEqual(["address"]);
  });

  test("bad input, robots, unknown pages and floods are refused without creating anything", async () => {
    const count = () => withService(db, (tx) => tx.query<{ n: number }>("select count(*)::int as n from public.jobs where org_id = $1", [b.orgId])).then((r) => r[0].n);
    const before = await count();
    const bad = await submit(form({ name: "", phone: "", problem: "x".repeat(2001), templateId: hiddenTemplateId }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.error.fieldErrors ?? {}).sort()).toEqual(["name", "phone", "problem"]);
    const hidden = await submit(form({ templateId: hiddenTemplateId }));
    expect(!hidden.ok && hidden.error.fieldErrors?.templateId).toBeTruthy();
    const robot = await submit(form({ website: "http://spam.example" }));
    expect(!robot.ok && robot.error.code).toBe("refused");
    const missing = await submit(form(), { slug: "no-such-company" });
    const off = await submit(form(), { slug: other.slug });
    expect(!missing.ok && !off.ok && missing.error.message === off.error.message).toBe(true);
    const flood: boolean[] = [];
    for (let i = 0; i < PORTAL_LIMITS.perAddress.limit + 1; i++) flood.push((await submit(form({ name: "" }), { address: "203.0.113.9" })).ok === false);
    const throttled = await submit(form(), { address: "203.0.113.9" });
    expect(!throttled.ok && throttled.error.code).toBe("throttled");
    expect(await count()).toBe(before);
  });

  const jobOf = async (workOrder: string) =>
    (
      await withService(db, (tx) =>
        tx.query<{ id: string; version: number; dispatch_state: string; dispatch_reason: string; window_start: Date | null }>(
          "select id, version, dispatch_state, dispatch_reason, window_start from public.jobs where org_id = $1 and work_order = $2",
          [b.orgId, workOrder],
        ),
      )
    )[0];
  const noticesOf = (jobId: string) =>
    withService(db, (tx) =>
      tx.query<{ kind: string; recipient: string; recipient_kind: string; body: string }>(
        "select kind, recipient, recipient_kind, body from public.notifications where job_id = $1 order by kind, recipient",
        [jobId],
      ),
    );
  const visitOf = async (jobId: string) =>
    (await withService(db, (tx) => tx.query<{ starts_at: Date; leader_id: string; version: number }>("select starts_at, leader_id, version from public.assignments where job_id = $1 and active", [jobId])))[0];
  // Thursday afternoon in Chicago: 12:00–17:00 is 18:00–23:00 UTC
  const THURSDAY = "2026-11-26";

  test("another time needs the day; the request lists in the review queue with the customer's words, the day and suggestions in their window", async () => {
    const r = await submit(form({ name: "Rae Lopez" }));
    if (!r.ok) throw new Error(r.error.message);
    const noDay = await changeFromTracking(db, r.data.token, { action: "reschedule", message: "Thursday after 3 pm please" }, NINE_AM);
    expect(!noDay.ok && noDay.error.fieldErrors?.requestedDate).toEqual(["Choose the day you would like."]);
    const past = await changeFromTracking(db, r.data.token, { action: "reschedule", message: "Last week", requestedDate: "2026-11-20" }, NINE_AM);
    expect(!past.ok && past.error.fieldErrors?.requestedDate).toBeTruthy();
    const asked = await changeFromTracking(db, r.data.token, { action: "reschedule", message: "Thursday after 3 pm please", requestedDate: THURSDAY, requestedWindow: "afternoon" }, NINE_AM);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.data).toMatchObject({ customerAction: "reschedule_requested", requested: { date: THURSDAY, window: "afternoon" }, answer: null, stage: "scheduled" });
    const job = await jobOf(r.data.workOrder);
    expect(job.dispatch_state).toBe("review");
    expect(job.dispatch_reason).toBe("The customer asked for another time (Thu Nov 26, afternoon): “Thursday after 3 pm please”");

    const queue = await withUser(db, b.dispatcher, (tx) => listReviewQueue(tx, b.dispatcher, NINE_AM));
    const item = queue.find((i) => i.job.workOrder === r.data.workOrder);
    expect(item?.customerRequest).toMatchObject({ message: "Thursday after 3 pm please", requestedDate: THURSDAY, requestedWindow: "afternoon" });
    expect(item?.visit).not.toBeNull();
    expect(item!.candidates.length).toBeGreaterThan(0);
    for (const c of item!.candidates) expect(c.start! >= "2026-11-26T18:00:00.000Z" && c.end! <= "2026-11-26T23:00:00.000Z").toBe(true);
    // the other company's queue does not hold it
    const theirs = await withUser(db, other.dispatcher, (tx) => listReviewQueue(tx, other.dispatcher, NINE_AM));
    expect(theirs.map((i) => i.job.workOrder)).not.toContain(r.data.workOrder);
  });

  test("the dispatcher moves the visit to the customer's time through the placement path, and the customer is told once", async () => {
    const r = await submit(form({ name: "Mo Ito" }));
    if (!r.ok) throw new Error(r.error.message);
    await changeFromTracking(db, r.data.token, { action: "reschedule", message: "Thursday afternoon", requestedDate: THURSDAY, requestedWindow: "afternoon" }, NINE_AM);
    const queue = await withUser(db, b.dispatcher, (tx) => listReviewQueue(tx, b.dispatcher, NINE_AM));
    const item = queue.find((i) => i.job.workOrder === r.data.workOrder)!;
    const pick = item.candidates[0];
    const move = { decision: "move" as const, jobId: item.job.id, jobVersion: item.job.version, assignmentVersion: item.visit!.assignmentVersion, leaderId: pick.technicianId, start: pick.start!, end: pick.end! };
    // a viewer cannot answer; a stale version is a conflict, never overwritten
    const viewer = await failureOf(withUser(db, b.viewer, (tx) => answerReschedule(tx, b.viewer, move, NINE_AM)));
    expect(viewer).toBeTruthy();
    const stale = await failureOf(withUser(db, b.dispatcher, (tx) => answerReschedule(tx, b.dispatcher, { ...move, jobVersion: move.jobVersion - 1 }, NINE_AM)));
    expect(stale.message).toMatch(/changed since you opened it/);

    const answered = await withUser(db, b.dispatcher, (tx) => answerReschedule(tx, b.dispatcher, move, NINE_AM));
    expect(answered.customerTold).toBe(true);
    const visit = await visitOf(item.job.id);
    expect({ start: new Date(visit.starts_at).toISOString(), leader: visit.leader_id }).toEqual({ start: pick.start, leader: pick.technicianId });
    const job = await jobOf(r.data.workOrder);
    expect(job.dispatch_state).toBe("manual");
    expect(new Date(job.window_start!).toISOString()).toBe("2026-11-26T18:00:00.000Z");
    const changes = await withService(db, (tx) => tx.query<{ kind: string }>("select kind from public.board_changes where job_id = $1", [item.job.id]));
    expect(changes.length).toBeGreaterThan(0);
    const moved = (await noticesOf(item.job.id)).filter((n) => n.kind === "portal_reschedule_moved");
    expect(moved).toHaveLength(1);
    expect(moved[0].body).toContain("moved your visit");
    const view = await readTracking(db, r.data.token, NINE_AM);
    expect(view).toMatchObject({ answer: { kind: "moved", message: null }, window: { start: pick.start, end: pick.end } });
    // answered: out of the queue, and a second answer changes nothing
    const after = await withUser(db, b.dispatcher, (tx) => listReviewQueue(tx, b.dispatcher, NINE_AM));
    expect(after.map((i) => i.job.workOrder)).not.toContain(r.data.workOrder);
    const twice = await failureOf(withUser(db, b.dispatcher, (tx) => answerReschedule(tx, b.dispatcher, { ...move, jobVersion: job.version }, NINE_AM)));
    expect(twice.message).toMatch(/already answered/);
    expect((await noticesOf(item.job.id)).filter((n) => n.kind === "portal_reschedule_moved")).toHaveLength(1);
  });

  test("the dispatcher declines with a message: the visit stays, the customer gets the message and sees it on the tracking page", async () => {
    const r = await submit(form({ name: "Lou Brandt", email: "lou@example.test", phone: "" }));
    if (!r.ok) throw new Error(r.error.message);
    await changeFromTracking(db, r.data.token, { action: "reschedule", message: "Any time Thursday", requestedDate: THURSDAY }, NINE_AM);
    const before = await jobOf(r.data.workOrder);
    const visitBefore = await visitOf(before.id);
    const answered = await withUser(db, b.dispatcher, (tx) =>
      answerReschedule(tx, b.dispatcher, { decision: "decline", jobId: before.id, jobVersion: before.version, message: "Thursday is fully booked." }, NINE_AM),
    );
    expect(answered.customerTold).toBe(true);
    const visit = await visitOf(before.id);
    expect(new Date(visit.starts_at).toISOString()).toBe(new Date(visitBefore.starts_at).toISOString());
    const after = await jobOf(r.data.workOrder);
    expect(after.dispatch_state).toBe("manual");
    expect(after.dispatch_reason).toContain("declined the customer's request for another time (“Thursday is fully booked.”)");
    const declined = (await noticesOf(before.id)).filter((n) => n.kind === "portal_reschedule_declined");
    expect(declined).toEqual([expect.objectContaining({ recipient: "lou@example.test", recipient_kind: "customer" })]);
    expect(declined[0].body).toContain("Thursday is fully booked.");
    expect(await readTracking(db, r.data.token, NINE_AM)).toMatchObject({ answer: { kind: "declined", message: "Thursday is fully booked." }, customerAction: "reschedule_requested" });
  });

  test("a cancellation through the tracking link leaves the board, confirms to the customer and tells the office, once", async () => {
    const r = await submit(form({ name: "Kit Moreno" }));
    if (!r.ok) throw new Error(r.error.message);
    const job = await jobOf(r.data.workOrder);
    const cancelled = await changeFromTracking(db, r.data.token, { action: "cancel" }, NINE_AM);
    expect(cancelled.ok && cancelled.data.stage).toBe("cancelled");
    expect(await visitOf(job.id)).toBeUndefined();
    const changes = await withUser(db, b.dispatcher, (tx) =>
      tx.query<{ kind: string; actor: string }>("select c.kind, p.full_name as actor from public.board_changes c join public.profiles p on p.id = c.actor_id where c.job_id = $1", [job.id]),
    );
    expect(changes.map((c) => `${c.kind}:${c.actor}`)).toContain("unassign:A customer via the portal");
    const office = await withService(db, (tx) =>
      tx.query<{ email: string }>(
        "select p.email from public.memberships m join public.profiles p on p.id = m.user_id where m.org_id = $1 and m.role in ('admin', 'dispatcher') and p.full_name <> 'A customer via the portal' order by p.email",
        [b.orgId],
      ),
    );
    expect(office.length).toBeGreaterThan(0);
    const check = async () => {
      const notices = await noticesOf(job.id);
      const customer = notices.filter((n) => n.kind === "portal_cancellation");
      expect(customer).toHaveLength(1);
      expect(customer[0]).toMatchObject({ recipient_kind: "customer", recipient: "+13125550142" });
      expect(customer[0].body).toContain("as you asked");
      const staff = notices.filter((n) => n.kind === "portal_cancellation_office");
      expect(staff.map((n) => n.recipient).sort()).toEqual(office.map((o) => o.email));
      expect(staff.every((n) => n.recipient_kind === "user" && n.body.includes("Kit Moreno cancelled"))).toBe(true);
    };
    await check();
    const again = await changeFromTracking(db, r.data.token, { action: "cancel" }, NINE_AM);
    expect(!again.ok && again.error.code).toBe("refused");
    await check();
    const audit = await withService(db, (tx) =>
      tx.query<{ context: { summary?: string } | null; after: { status?: string } }>("select context, after from public.audit_log where row_id = $1 and action = 'update'", [job.id]),
    );
    const entry = audit.find((a) => a.after.status === "cancelled");
    expect(entry?.context?.summary).toBe(`A customer via the portal cancelled ${r.data.workOrder}: the customer cancelled through the tracking link`);
  });

  test("a tracking link shows only its own request and stops working after the visit", async () => {
    const r = await submit(form({ name: "Lee Park" }));
    if (!r.ok) throw new Error(r.error.message);
    expect(await readTracking(db, `${r.data.token.slice(0, -1)}${r.data.token.endsWith("A") ? "B" : "A"}`, NINE_AM)).toBeNull();
    expect(await readTracking(db, "short", NINE_AM)).toBeNull();
    expect(await readTracking(db, r.data.token, new Date(NINE_AM.getTime() + 5 * 24 * 3_600_000))).toBeNull();
    // the portal principal of one company reads nothing of another
    const company = (await findPortalCompany(db, b.slug))!;
    const seen = await withUser(db, company.principal, (tx) => tx.query("select 1 from public.jobs where org_id = $1", [other.orgId]));
    expect(seen).toEqual([]);
    const write = await failureOf(
      withUser(db, company.principal, (tx) =>
        tx.query("insert into public.customers (org_id, name) values ($1, 'Intruder')", [other.orgId]),
      ),
    );
    expect(write.code).toBe("42501");
  });

  test("the tracking stream pushes the customer's own visit when it changes, and nothing of other jobs or companies", async () => {
    const r = await submit(form({ name: "Ivy Stream" }));
    if (!r.ok) throw new Error(r.error.message);
    const neighbour = await submit(form({ name: "Other Customer" }));
    if (!neighbour.ok) throw new Error(neighbour.error.message);
    const hub = createBoardEventHub(async () => db);
    const abort = new AbortController();
    try {
      expect((await openTrackingStream(db, hub, "x".repeat(43), { now: () => NINE_AM, signal: abort.signal, heartbeatMs: 60_000 })).status).toBe(404);
      const res = await openTrackingStream(db, hub, r.data.token, { now: () => NINE_AM, signal: abort.signal, heartbeatMs: 60_000 });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const reader = res.body!.getReader();
      let text = "";
      const events = () =>
        text
          .split("\n\n")
          .filter((block) => block.startsWith("event: "))
          .map((block) => ({ event: /^event: (\S+)/.exec(block)![1], data: JSON.parse(/\ndata: (.*)/.exec(block)![1]) as Record<string, unknown> }));
      // one read outstanding at a time, kept across waits, so no chunk is dropped
      let pending: ReturnType<typeof reader.read> | null = null;
      const until = async (n: number) => {
        const deadline = Date.now() + 15_000;
        while (events().length < n) {
          if (Date.now() > deadline) throw new Error(`waited for ${n} events, have: ${text}`);
          pending ??= reader.read();
          const chunk = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
          if (chunk) {
            pending = null;
            if (!chunk.done) text += new TextDecoder().decode(chunk.value);
          }
        }
      };
      await until(1);
      expect(events()[0]).toMatchObject({ event: "view", data: { stage: "scheduled", workOrder: r.data.workOrder } });

      // other jobs of the same company and another company's board change: nothing is sent
      const [otherJob] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.jobs where org_id = $1 and work_order = $2", [b.orgId, neighbour.data.workOrder]));
      await withUser(db, b.dispatcher, (tx) => tx.query("update public.jobs set notes = 'changed by the office' where id = $1", [otherJob.id]));
      await withUser(db, other.dispatcher, (tx) => tx.query("update public.jobs set notes = 'elsewhere' where org_id = $1", [other.orgId]));
      // a change to the job that the customer cannot see (an office note) sends nothing either
      const [mine] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.jobs where org_id = $1 and work_order = $2", [b.orgId, r.data.workOrder]));
      await withUser(db, b.dispatcher, (tx) => tx.query("update public.jobs set notes = 'gate code 1234' where id = $1", [mine.id]));
      await new Promise((resolve) => setTimeout(resolve, 300));

      // the crew is on the way: the stream sends the new view, and only the customer's view
      await withUser(db, b.dispatcher, (tx) => reportVisitStatus(tx, b.dispatcher, { jobId: mine.id, status: "on_my_way", idempotencyKey: `stream-${mine.id}` }, NINE_AM));
      await until(2);
      const all = events();
      expect(all).toHaveLength(2);
      expect(all[1]).toMatchObject({ event: "view", data: { stage: "on_the_way", workOrder: r.data.workOrder } });
      expect(Object.keys(all[1].data).sort()).toEqual(Object.keys(all[0].data).sort());
      expect(text).not.toContain(neighbour.data.workOrder);
      expect(text).not.toContain("gate code");
    } finally {
      abort.abort();
      await hub.close();
    }
  });
});

