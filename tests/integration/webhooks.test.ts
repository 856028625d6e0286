/**
 * Webhooks against a real HTTP receiver on 127.0.0.1: events queued by the change
 * itself, signed deliveries, retries with backoff after a 500, the delivery log,
 * "send test event", and who may see and do what.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withUser } from "@/lib/db/with-user";
import { createJob } from "@/lib/db/dispatch";
import { reportVisitStatus } from "@/lib/db/visit-status";
import { createWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, sendWebhookTest } from "@/lib/db/webhooks";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { verifyWebhook } from "@/lib/webhooks/signature";
import type { WebhookEvent } from "@/lib/webhooks/events";
import { webhookBody } from "@/lib/schemas/webhook-events";
import { failureOf, testTargets } from "@/supabase/tests/helpers";
import { NINE_AM, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

interface Received {
  path: string;
  signature: string | null;
  event: string | null;
  body: string;
  answered: number;
}

/** A receiver: /good always answers 200; /flaky answers 500 to an event's first delivery, then 200. */
function startReceiver(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const id = (JSON.parse(body) as { id: string }).id;
      const answered = req.url === "/flaky" && !seen.has(id) ? 500 : 200;
      if (req.url === "/flaky") seen.add(id);
      received.push({ path: req.url ?? "", signature: req.headers["crewboard-signature"] as string, event: req.headers["crewboard-event"] as string, body, answered });
      res.writeHead(answered).end(answered === 200 ? "ok" : "try later");
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received })));
}

/** Each body is exactly what the API reference documents for its event (lib/schemas/webhook-events.ts). */
function expectDocumented(hits: Received[]): void {
  expect(hits.length).toBeGreaterThan(0);
  for (const hit of hits) {
    const parsed = webhookBody(hit.event as WebhookEvent | "ping").safeParse(JSON.parse(hit.body));
    expect(parsed.error?.issues ?? [], `${hit.event}: ${hit.body}`).toEqual([]);
  }
}

describe.each(testTargets())("webhooks on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let other: TestBoard;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let good: { id: string; secret: string };
  let flaky: { id: string; secret: string };

  beforeAll(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    other = await createTestBoard(db);
    receiver = await startReceiver();
    const admin = b.users.admin;
    good = await withUser(db, admin, (tx) => createWebhookEndpoint(tx, b.orgId, admin.userId, { url: `${receiver.base}/good`, description: "ERP", events: ["job.created", "job.assigned"] }));
    flaky = await withUser(db, admin, (tx) => createWebhookEndpoint(tx, b.orgId, admin.userId, { url: `${receiver.base}/flaky`, description: "Flaky", events: ["job.created"] }));
  });
  afterAll(async () => {
    receiver?.server.close();
    await db?.close();
  });

  const round = (at: Date) => deliverDueWebhooks(db, { now: at, orgIds: [b.orgId] });

  test("a change queues signed events; a receiver gets each once, and again after first answering 500", async () => {
    const created = await withUser(db, b.dispatcher, (tx) => createJob(tx, b.dispatcher, { customerId: b.customers.reachable, requiredSkills: ["HVAC"], date: "2026-11-23" }, NINE_AM));
    expect(created.decision.state).toBe("auto_assigned");
    // rows are due from when they were queued (the real clock): deliver from a moment after
    const t0 = new Date(Date.now() + 1000);
    const first = await round(t0);
    expect(first.map((o) => `${o.eventType}:${o.status}`).sort()).toEqual(["job.assigned:200", "job.created:200", "job.created:500"]);

    const goodHits = receiver.received.filter((r) => r.path === "/good");
    for (const hit of goodHits) {
      expect(verifyWebhook(good.secret, hit.signature, hit.body, t0.getTime() / 1000)).toBe(true);
      expect(verifyWebhook(flaky.secret, hit.signature, hit.body, t0.getTime() / 1000)).toBe(false);
    }
    const createdEvent = JSON.parse(goodHits.find((h) => h.event === "job.created")!.body) as { type: string; data: { job: { id: string; workOrder: string } } };
    expect(createdEvent.type).toBe("job.created");
    expect(createdEvent.data.job.id).toBe(created.job.id);
    const assigned = JSON.parse(goodHits.find((h) => h.event === "job.assigned")!.body) as { data: { assignment: { leaderName: string } } };
    expect(assigned.data.assignment.leaderName).toBeTruthy();

    // not due yet: the backoff after the first failure is a minute
    expect(await round(new Date(t0.getTime() + 30_000))).toEqual([]);
    const retry = await round(new Date(t0.getTime() + 61_000));
    expect(retry.map((o) => `${o.eventType}:${o.status}:${o.attempt}`)).toEqual(["job.created:200:2"]);
    const flakyHits = receiver.received.filter((r) => r.path === "/flaky");
    expect(flakyHits.map((h) => h.answered)).toEqual([500, 200]);
    expect(flakyHits[0].body).toBe(flakyHits[1].body);
    expect(verifyWebhook(flaky.secret, flakyHits[1].signature, flakyHits[1].body, t0.getTime() / 1000 + 61)).toBe(true);

    // nothing more to send, and the good endpoint got each event exactly once
    expect(await round(new Date(t0.getTime() + 10 * 60_000))).toEqual([]);
    expect(receiver.received.filter((r) => r.path === "/good").length).toBe(2);

    const log = await withUser(db, b.users.admin, (tx) => listWebhookDeliveries(tx, b.orgId, { endpointId: flaky.id }));
    expect(log[0].status).toBe("delivered");
    expect(log[0].log.map((a) => a.status)).toEqual([500, 200]);
    expectDocumented(receiver.received.filter((r) => r.path === "/good" || r.path === "/flaky"));
  });

  test("the crew's progress is a status change: on my way, then arrived (one event for both changes), then done", async () => {
    const admin = other.users.admin;
    const hook = await withUser(db, admin, (tx) => createWebhookEndpoint(tx, other.orgId, admin.userId, { url: `${receiver.base}/crew`, description: "", events: ["job.status_changed", "job.completed"] }));
    const created = await withUser(db, other.dispatcher, (tx) => createJob(tx, other.dispatcher, { customerId: other.customers.reachable, requiredSkills: ["HVAC"], date: "2026-11-23" }, NINE_AM));
    expect(created.decision.state).toBe("auto_assigned");
    for (const [i, status] of (["on_my_way", "arrived", "done"] as const).entries()) {
      await withUser(db, other.dispatcher, (tx) => reportVisitStatus(tx, other.dispatcher, { jobId: created.job.id, status, idempotencyKey: `crew-${i}-${created.job.id}` }, NINE_AM));
    }
    await deliverDueWebhooks(db, { now: new Date(Date.now() + 1000), orgIds: [other.orgId] });
    const hits = receiver.received.filter((r) => r.path === "/crew").map((r) => JSON.parse(r.body) as { type: string; data: { job: { status: string; visitStatus: string | null }; previousVisitStatus?: string | null } });
    // "done" and "completed" come from one change: their order between themselves is not fixed
    expect(hits.map((h) => `${h.type}:${h.data.job.status}:${h.data.job.visitStatus}:${h.data.previousVisitStatus ?? "-"}`).sort()).toEqual([
      "job.completed:done:done:-",
      "job.status_changed:done:done:arrived",
      "job.status_changed:in_progress:arrived:on_my_way",
      // placed on the board by dispatch: unscheduled → scheduled, nothing reported yet
      "job.status_changed:scheduled:null:-",
      "job.status_changed:scheduled:on_my_way:-",
    ]);
    const signed = receiver.received.filter((r) => r.path === "/crew");
    expect(signed.every((r) => verifyWebhook(hook.secret, r.signature, r.body, Date.now() / 1000))).toBe(true);
    expectDocumented(signed);
  });

  test("a receiver that keeps failing is retried with growing waits, then given up", async () => {
    const admin = other.users.admin;
    const dead = await withUser(db, admin, (tx) => createWebhookEndpoint(tx, other.orgId, admin.userId, { url: "http://127.0.0.1:9/nothing-listens", description: "", events: ["job.created"] }));
    await withUser(db, other.dispatcher, (tx) => createJob(tx, other.dispatcher, { customerId: other.customers.reachable, autoDispatch: false }, NINE_AM));
    let at = new Date(Date.now() + 1000);
    const waits: (number | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const [o] = await deliverDueWebhooks(db, { now: at, orgIds: [other.orgId], timeoutMs: 2000 });
      expect(o.delivered).toBe(false);
      waits.push(o.nextAttemptAt ? (o.nextAttemptAt.getTime() - at.getTime()) / 60_000 : null);
      at = o.nextAttemptAt ?? at;
    }
    expect(waits).toEqual([1, 2, 4, 8, null]);
    const [row] = await withUser(db, admin, (tx) => listWebhookDeliveries(tx, other.orgId, { endpointId: dead.id }));
    expect(row.status).toBe("failed");
    expect(row.log).toHaveLength(5);
    expect(row.lastError).toMatch(/fetch failed|ECONNREFUSED/);
  });

  test("send test event: an admin pings their endpoint; others cannot", async () => {
    expect(await withUser(db, b.dispatcher, (tx) => sendWebhookTest(tx, good.id))).toBeNull();
    expect(await withUser(db, other.users.admin, (tx) => sendWebhookTest(tx, good.id))).toBeNull();
    const id = await withUser(db, b.users.admin, (tx) => sendWebhookTest(tx, good.id));
    expect(id).toBeTruthy();
    const before = receiver.received.length;
    const [o] = await round(new Date(Date.now() + 1000));
    expect(o.eventType).toBe("ping");
    expect(o.delivered).toBe(true);
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.received.at(-1)!.event).toBe("ping");
    expectDocumented([receiver.received.at(-1)!]);
  });

  test("endpoints and deliveries are an admin's, per company; the secret is never readable", async () => {
    expect((await withUser(db, b.users.admin, (tx) => listWebhookEndpoints(tx, b.orgId))).map((e) => e.id).sort()).toEqual([good.id, flaky.id].sort());
    expect(await withUser(db, b.dispatcher, (tx) => listWebhookEndpoints(tx, b.orgId))).toEqual([]);
    expect(await withUser(db, other.users.admin, (tx) => listWebhookEndpoints(tx, b.orgId))).toEqual([]);
    expect(await withUser(db, other.users.admin, (tx) => listWebhookDeliveries(tx, b.orgId))).toEqual([]);
    const secret = await failureOf(withUser(db, b.users.admin, (tx) => tx.query("select secret from public.webhook_endpoints")));
    expect(secret.code).toBe("42501");
    const cross = await failureOf(
      withUser(db, other.users.admin, (tx) => createWebhookEndpoint(tx, b.orgId, other.users.admin.userId, { url: "https://example.com/x", description: "", events: ["job.created"] })),
    );
    expect(cross.code).toBe("42501");
    const audit = await withUser(db, b.users.admin, (tx) =>
      tx.query<{ after: Record<string, unknown> }>("select after from public.audit_log where table_name = 'webhook_endpoints' and row_id = $1", [good.id]),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].after).not.toHaveProperty("secret");
  });
});
