// Notices end to end: queue in a person's transaction, deliver with the REAL Resend
// SDK and the real SMS adapter against a local stand-in for both providers' APIs,
// retry with backoff, never twice. Time is passed in (`now`), never slept for.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import {
  claimDueNotifications,
  listNotifications,
  markNotificationSent,
  queueNotification,
  resendNotice,
  type NewNotification,
} from "@/lib/db/notifications";
import { withService, withUser } from "@/lib/db/with-user";
import { providersFromEnv } from "@/lib/notify/providers";
import { MAX_ATTEMPTS } from "@/lib/notify/retry-policy";
import type { NotifyProviders } from "@/lib/notify/types";
import { deliverDue } from "@/lib/notify/worker";
import { createCompany, failureOf, hex, testTargets, type CompanyFixture } from "@/supabase/tests/helpers";

// ---------------------------------------------------------------------------
// A stand-in for Resend (POST /emails) and a Twilio-compatible API (POST …/Messages.json)

const RESEND_KEY = "re_test_key";
const SMS_SID = "ACtest0001";
const SMS_TOKEN = "sms-secret";
const SMS_FROM = "+13125550199";

interface Received {
  kind: "email" | "sms";
  /** The notice id: Resend's idempotency key, or the SMS body's marker. */
  idempotencyKey: string | null;
  to: string;
  body: Record<string, unknown>;
}

interface Reply {
  status: number;
  json: unknown;
}

class FakeProviders {
  readonly received: Received[] = [];
  /** Replies to use before the normal success, per channel, in order. */
  readonly failures: Record<"email" | "sms", Reply[]> = { email: [], sms: [] };
  /** Fail every request of this channel with this reply. */
  readonly alwaysFail: Partial<Record<"email" | "sms", Reply>> = {};
  /** Hold each request this long before answering (widens races). */
  delayMs = 0;
  private readonly idsByKey = new Map<string, string>();
  private counter = 0;
  private server!: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, json }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.received.length = 0;
    this.failures.email.length = 0;
    this.failures.sms.length = 0;
    delete this.alwaysFail.email;
    delete this.alwaysFail.sms;
    this.delayMs = 0;
  }

  count(kind?: "email" | "sms"): number {
    return this.received.filter((r) => !kind || r.kind === kind).length;
  }

  private async handle(req: IncomingMessage): Promise<Reply> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));

    if (req.method === "POST" && req.url === "/emails") {
      if (req.headers.authorization !== `Bearer ${RESEND_KEY}`) return { status: 401, json: { statusCode: 401, name: "missing_api_key", message: "Missing API key" } };
      const body = JSON.parse(raw) as Record<string, unknown>;
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      this.received.push({ kind: "email", idempotencyKey: key, to: (body.to as string[])[0], body });
      const failure = this.alwaysFail.email ?? this.failures.email.shift();
      if (failure) return failure;
      // like Resend: the same idempotency key answers with the same email id
      let id = key ? this.idsByKey.get(key) : undefined;
      if (!id) {
        id = `re_${++this.counter}`;
        if (key) this.idsByKey.set(key, id);
      }
      return { status: 200, json: { id } };
    }

    if (req.method === "POST" && req.url === `/2010-04-01/Accounts/${SMS_SID}/Messages.json`) {
      const expected = `Basic ${Buffer.from(`${SMS_SID}:${SMS_TOKEN}`).toString("base64")}`;
      if (req.headers.authorization !== expected) return { status: 401, json: { code: 20003, message: "Authenticate", status: 401 } };
      const form = Object.fromEntries(new URLSearchParams(raw));
      this.received.push({ kind: "sms", idempotencyKey: null, to: form.To, body: form });
      const failure = this.alwaysFail.sms ?? this.failures.sms.shift();
      if (failure) return failure;
      return { status: 201, json: { sid: `SM${String(++this.counter).padStart(32, "0")}`, status: "queued" } };
    }
    return { status: 404, json: { message: `no route ${req.method} ${req.url}` } };
  }
}

// ---------------------------------------------------------------------------

const T0 = new Date("2026-11-23T15:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

interface NoticeRow {
  id: string;
  status: string;
  attempts: number;
  provider: string | null;
  provider_id: string | null;
  last_error: string | null;
  sent_at: Date | null;
  next_attempt_at: Date;
  body: string;
}

async function rowsOf(db: Db, orgId: string): Promise<NoticeRow[]> {
  return withService(db, (tx) =>
    tx.query<NoticeRow>(
      `select id, status, attempts, provider, provider_id, last_error, sent_at, next_attempt_at, body
         from public.notifications where org_id = $1 order by created_at, dedupe_key`,
      [orgId],
    ),
  );
}

const rowOf = async (db: Db, orgId: string, id: string) => (await rowsOf(db, orgId)).find((r) => r.id === id)!;
const time = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

describe.each(testTargets())("notices through the outbox on $name", (target) => {
  let db: Db;
  const fake = new FakeProviders();
  let providers: NotifyProviders;
  let co: CompanyFixture;

  const notice = (n: Partial<NewNotification> = {}): NewNotification => ({
    orgId: co.orgId,
    channel: "email",
    recipient: `dana-${hex()}@example.test`,
    recipientKind: "customer",
    subject: "Your visit on Monday, November 23",
    body: "Acme Heating will arrive between 09:30 and 11:30 on Monday, November 23.",
    kind: "arrival_window",
    dedupeKey: `arrival:${hex(8)}`,
    ...n,
  });
  const queue = (...ns: NewNotification[]) =>
    withUser(db, co.users.dispatcher, async (tx) => {
      const ids: string[] = [];
      for (const n of ns) ids.push((await queueNotification(tx, n)).id);
      return ids;
    });
  /** Delivers this company's due notices only: other tests' rows share the server database. */
  const deliver = (now: Date, options: { providers?: NotifyProviders; batch?: number } = {}) =>
    deliverDue(db, options.providers ?? providers, { now, batch: options.batch, orgIds: [co.orgId] });

  beforeAll(async () => {
    db = await target.open();
    await fake.start();
    // the real configuration path: environment → Resend SDK / SMS adapter
    providers = providersFromEnv({
      RESEND_API_KEY: RESEND_KEY,
      RESEND_BASE_URL: fake.url,
      EMAIL_FROM: "Acme Heating <notices@acme.test>",
      SMS_API_URL: fake.url,
      SMS_ACCOUNT_SID: SMS_SID,
      SMS_AUTH_TOKEN: SMS_TOKEN,
      SMS_FROM,
    });
  });
  afterAll(async () => {
    await fake.close();
    await db?.close();
  });
  beforeEach(async () => {
    co = await createCompany(db, { timeZone: "America/Chicago" });
  });
  afterEach(() => fake.reset());

  test("a sent email goes through Resend once, records Resend's id, and is not sent again", async () => {
    const [id] = await queue(notice({ recipient: "dana@example.test" }));

    const report = await deliver(T0);
    expect(report).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(fake.received).toEqual([
      {
        kind: "email",
        idempotencyKey: id,
        to: "dana@example.test",
        body: expect.objectContaining({
          from: "Acme Heating <notices@acme.test>",
          to: ["dana@example.test"],
          subject: "Your visit on Monday, November 23",
          text: "Acme Heating will arrive between 09:30 and 11:30 on Monday, November 23.",
        }),
      },
    ]);
    const row = await rowOf(db, co.orgId, id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, provider: "resend", last_error: null });
    expect(row.provider_id).toMatch(/^re_\d+$/);
    expect(time(row.sent_at)).toBe(T0.toISOString());

    expect(await deliver(minutes(60))).toMatchObject({ claimed: 0 });
    expect(fake.count()).toBe(1);
  });

  test("a text message goes through the SMS API with basic auth and records its sid", async () => {
    const [id] = await queue(notice({ channel: "sms", recipient: "+13125550100", subject: null, body: "Acme Heating: your visit is at 09:30." }));
    expect(await deliver(T0)).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.received).toEqual([
      { kind: "sms", idempotencyKey: null, to: "+13125550100", body: { To: "+13125550100", From: SMS_FROM, Body: "Acme Heating: your visit is at 09:30." } },
    ]);
    const row = await rowOf(db, co.orgId, id);
    expect(row).toMatchObject({ status: "sent", provider: "twilio", attempts: 1 });
    expect(row.provider_id).toMatch(/^SM\d{32}$/);
    expect(await deliver(minutes(5))).toMatchObject({ claimed: 0 });
    expect(fake.count()).toBe(1);
  });

  test("a provider error marks the notice failed with the error, and it is retried after the backoff", async () => {
    const [id] = await queue(notice());
    fake.failures.email.push({ status: 500, json: { statusCode: 500, name: "internal_server_error", message: "Upstream exploded" } });

    expect(await deliver(T0)).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    let row = await rowOf(db, co.orgId, id);
    expect(row).toMatchObject({ status: "failed", attempts: 1, provider: "resend", sent_at: null });
    expect(row.last_error).toBe("Resend HTTP 500 (internal_server_error): Upstream exploded");
    expect(time(row.next_attempt_at)).toBe(minutes(1).toISOString());

    // not before the backoff has passed
    expect(await deliver(new Date(minutes(1).getTime() - 1000))).toMatchObject({ claimed: 0 });
    expect(fake.count()).toBe(1);

    expect(await deliver(minutes(1))).toMatchObject({ claimed: 1, sent: 1 });
    row = await rowOf(db, co.orgId, id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, last_error: null });
    expect(time(row.sent_at)).toBe(minutes(1).toISOString());
    // the retry carried the same idempotency key, so Resend delivers it once
    expect(fake.received.map((r) => r.idempotencyKey)).toEqual([id, id]);
  });

  test("after the last attempt a notice stays failed", async () => {
    const [id] = await queue(notice({ channel: "sms", recipient: "+13125550100", subject: null }));
    fake.alwaysFail.sms = { status: 503, json: { code: 20503, message: "Service unavailable", status: 503 } };

    let now = T0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliver(now)).toMatchObject({ claimed: 1, failed: 1 });
      const row = await rowOf(db, co.orgId, id);
      expect(row).toMatchObject({ status: "failed", attempts: attempt });
      waits.push((new Date(row.next_attempt_at).getTime() - now.getTime()) / 60_000);
      now = new Date(row.next_attempt_at);
    }
    // 1, 2, 4, 8 minutes between tries; none after the fifth
    expect(waits).toEqual([1, 2, 4, 8, 0]);
    const row = await rowOf(db, co.orgId, id);
    expect(row.last_error).toBe("SMS API HTTP 503 (code 20503): Service unavailable");

    delete fake.alwaysFail.sms;
    expect(await deliver(minutes(24 * 60))).toMatchObject({ claimed: 0 });
    expect(fake.count("sms")).toBe(MAX_ATTEMPTS);
    expect(await rowOf(db, co.orgId, id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  test("an unreachable provider is a failed attempt, not a lost notice", async () => {
    const [id] = await queue(notice());
    const dead = providersFromEnv({ RESEND_API_KEY: RESEND_KEY, RESEND_BASE_URL: "http://127.0.0.1:9" });
    expect(await deliver(T0, { providers: dead })).toMatchObject({ claimed: 1, failed: 1 });
    const row = await rowOf(db, co.orgId, id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toMatch(/^Resend no response/);
  });

  // On the server the two workers' claims really overlap (row locks, skip locked). PGlite runs
  // one transaction at a time, so there the race is between one worker's claim and the other's
  // sends in flight: a row being sent must not be claimed again.
  test("two workers racing over the same notices send each one exactly once", async () => {
    const ids = await queue(
      ...Array.from({ length: 12 }, () => notice()),
      ...Array.from({ length: 4 }, () => notice({ channel: "sms", recipient: `+1312555${String(Math.floor(Math.random() * 9000) + 1000)}`, subject: null })),
    );
    fake.delayMs = 15;
    const worker = async () => {
      const mine: string[] = [];
      for (;;) {
        const report = await deliver(T0, { batch: 3 });
        if (report.claimed === 0) return mine;
        mine.push(...report.outcomes.map((o) => o.id));
      }
    };
    const [a, b] = await Promise.all([worker(), worker()]);

    expect([...a, ...b].sort()).toEqual([...ids].sort());
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(fake.count()).toBe(ids.length);
    // each email id reached Resend once (SMS carry no key: the count above covers them)
    const keys = fake.received.filter((r) => r.kind === "email").map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(12);
    const rows = await rowsOf(db, co.orgId);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  test.runIf(target.name === "postgres")("a worker skips notices another worker has claimed but not yet committed", async () => {
    const ids = await queue(notice(), notice(), notice());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let claimedByA: string[] = [];
    let signalClaimed!: () => void;
    const aClaimed = new Promise<void>((resolve) => (signalClaimed = resolve));
    // worker A claims two rows and keeps its transaction (and row locks) open
    const a = withService(db, async (tx) => {
      const rows = await claimDueNotifications(tx, {
        now: T0,
        channels: ["email"],
        limit: 2,
        maxAttempts: MAX_ATTEMPTS,
        leaseUntil: minutes(10),
        orgIds: [co.orgId],
      });
      claimedByA = rows.map((r) => r.id);
      signalClaimed();
      await held;
      // roll back: as if A died before committing its claim
      throw new Error("worker A stops");
    }).catch(() => undefined);
    await aClaimed;

    // B neither waits for A's locks nor takes A's rows
    let b: Awaited<ReturnType<typeof deliver>> | "waited";
    try {
      b = await Promise.race([deliver(T0), new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5_000))]);
    } finally {
      release();
      await a;
    }
    expect(b).not.toBe("waited");
    if (b === "waited") return;
    expect(b.outcomes.map((o) => o.id)).toEqual(ids.filter((id) => !claimedByA.includes(id)));

    // A rolled back: its rows are pending again and the next round sends them, once
    const c = await deliver(T0);
    expect(c.outcomes.map((o) => o.id).sort()).toEqual([...claimedByA].sort());
    expect(fake.count()).toBe(3);
  });

  test("a notice whose worker stopped mid-send is taken back after the lease, with the same idempotency key", async () => {
    const [id] = await queue(notice());
    // a worker claims it and dies before sending or recording anything
    await withService(db, (tx) =>
      claimDueNotifications(tx, { now: T0, channels: ["email"], limit: 10, maxAttempts: MAX_ATTEMPTS, leaseUntil: minutes(10), orgIds: [co.orgId] }),
    );
    expect(await rowOf(db, co.orgId, id)).toMatchObject({ status: "sending", attempts: 1 });

    expect(await deliver(minutes(5))).toMatchObject({ claimed: 0 });
    expect(await deliver(minutes(10))).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.received.map((r) => r.idempotencyKey)).toEqual([id]);
    expect(await rowOf(db, co.orgId, id)).toMatchObject({ status: "sent", attempts: 2, last_error: null });
  });

  test("a text message whose worker stopped mid-send is never sent again by itself; a dispatcher may resend it", async () => {
    const [id] = await queue(notice({ channel: "sms", recipient: "+13125550100", subject: null }));
    // a worker claims it and dies mid-send: the provider may or may not have taken it
    await withService(db, (tx) =>
      claimDueNotifications(tx, { now: T0, channels: ["sms"], limit: 10, maxAttempts: MAX_ATTEMPTS, leaseUntil: minutes(10), orgIds: [co.orgId] }),
    );
    expect(await deliver(minutes(10))).toMatchObject({ claimed: 0 });
    expect(await deliver(minutes(60))).toMatchObject({ claimed: 0 });
    expect(fake.count("sms")).toBe(0);
    const row = await rowOf(db, co.orgId, id);
    expect(row).toMatchObject({ status: "unknown", attempts: 1 });
    expect(row.last_error).toMatch(/nobody knows whether it went out/);

    // the outbox lists it under "unknown" for a person
    const page = await withUser(db, co.users.dispatcher, (tx) => listNotifications(tx, co.orgId, { status: "unknown" }));
    expect(page.items.map((n) => n.id)).toEqual([id]);

    // a viewer cannot resend; nor can anyone resend a notice that is not of unknown fate
    expect((await failureOf(withUser(db, co.users.viewer, (tx) => resendNotice(tx, id)))).code).toBe("42501");
    const [sentId] = await queue(notice());
    expect(await deliver(minutes(61))).toMatchObject({ claimed: 1, sent: 1 });
    expect((await failureOf(withUser(db, co.users.dispatcher, (tx) => resendNotice(tx, sentId)))).code).toBe("22023");

    // the dispatcher checked with the customer: it never arrived, send it again — once
    await withUser(db, co.users.dispatcher, (tx) => resendNotice(tx, id));
    expect(await rowOf(db, co.orgId, id)).toMatchObject({ status: "pending" });
    expect(await deliver(minutes(62))).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.count("sms")).toBe(1);
    expect(await rowOf(db, co.orgId, id)).toMatchObject({ status: "sent", attempts: 2 });

    // the unknown outcome and the person's resend are in the audit trail
    const trail = await withService(db, (tx) =>
      tx.query<{ before: { status: string }; after: { status: string }; actor_id: string | null }>(
        `select before, after, actor_id from public.audit_log where table_name = 'notifications' and action = 'update' and row_id = $1 order by id`,
        [id],
      ),
    );
    expect(trail.map((t) => [t.before.status, t.after.status])).toEqual([
      ["sending", "unknown"],
      ["unknown", "pending"],
    ]);
    expect(trail[1].actor_id).toBe(co.users.dispatcher.userId);
  });

  test("a worker whose lease ran out still records a text message it did send", async () => {
    const [id] = await queue(notice({ channel: "sms", recipient: "+13125550100", subject: null }));
    const [claimed] = await withService(db, (tx) =>
      claimDueNotifications(tx, { now: T0, channels: ["sms"], limit: 10, maxAttempts: MAX_ATTEMPTS, leaseUntil: minutes(10), orgIds: [co.orgId] }),
    );
    // another worker finds the lease over and marks the outcome unknown…
    await withService(db, (tx) =>
      claimDueNotifications(tx, { now: minutes(11), channels: ["sms"], limit: 10, maxAttempts: MAX_ATTEMPTS, leaseUntil: minutes(21), orgIds: [co.orgId] }),
    );
    expect(await rowOf(db, co.orgId, id)).toMatchObject({ status: "unknown" });
    // …then the first worker's provider answer arrives: it went out, and that is recorded
    expect(await withService(db, (tx) => markNotificationSent(tx, claimed.id, { provider: "twilio", providerId: "SM1", sentAt: minutes(11) }))).toBe(true);
    expect(await rowOf(db, co.orgId, id)).toMatchObject({ status: "sent", provider_id: "SM1" });
  });

  test("without a provider for a channel its notices stay pending", async () => {
    const [email, sms] = await queue(notice(), notice({ channel: "sms", recipient: "+13125550100", subject: null }));

    expect(await deliver(T0, { providers: {} })).toMatchObject({ claimed: 0 });
    expect((await rowsOf(db, co.orgId)).map((r) => [r.status, r.attempts])).toEqual([
      ["pending", 0],
      ["pending", 0],
    ]);

    // email configured, SMS not: the email goes, the text waits untouched
    expect(await deliver(T0, { providers: { email: providers.email } })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await rowOf(db, co.orgId, email)).toMatchObject({ status: "sent" });
    expect(await rowOf(db, co.orgId, sms)).toMatchObject({ status: "pending", attempts: 0, last_error: null });
    expect(fake.count()).toBe(1);
  });

  test("the same dedupe key queues one notice", async () => {
    const n = notice({ dedupeKey: "reschedule:job-1:2026-11-23T15:30Z" });
    const first = await withUser(db, co.users.dispatcher, (tx) => queueNotification(tx, n));
    const again = await withUser(db, co.users.admin, (tx) => queueNotification(tx, { ...n, body: "a second version" }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const rows = await rowsOf(db, co.orgId);
    expect(rows).toHaveLength(1);
    expect(rows[0].body).toBe(n.body);

    // the key is per company: another company may use it
    const other = await createCompany(db);
    const theirs = await withUser(db, other.users.dispatcher, (tx) => queueNotification(tx, { ...n, orgId: other.orgId }));
    expect(theirs.created).toBe(true);
  });

  test("queueing records who queued the notice", async () => {
    const [id] = await queue(notice());
    const [row] = await withService(db, (tx) => tx.query<{ created_by: string }>("select created_by from public.notifications where id = $1", [id]));
    expect(row.created_by).toBe(co.users.dispatcher.userId);
  });

  describe("row-level security", () => {
    test.each(["viewer", "technician"] as const)("a %s cannot queue a notice", async (role) => {
      const err = await failureOf(withUser(db, co.users[role], (tx) => queueNotification(tx, notice())));
      expect(err.code).toBe("42501");
      expect(err.message).toMatch(/row-level security/);
      expect(await rowsOf(db, co.orgId)).toEqual([]);
    });

    test("another company's dispatcher can neither see our outbox nor queue into it", async () => {
      await queue(notice(), notice({ channel: "sms", recipient: "+13125550100" }));
      const other = await createCompany(db);

      const theirView = await withUser(db, other.users.dispatcher, (tx) => listNotifications(tx, co.orgId));
      expect(theirView).toEqual({ items: [], next: null });
      const ourView = await withUser(db, co.users.dispatcher, (tx) => listNotifications(tx, co.orgId));
      expect(ourView.items).toHaveLength(2);

      const err = await failureOf(withUser(db, other.users.dispatcher, (tx) => queueNotification(tx, notice())));
      expect(err.code).toBe("42501");
      expect(await rowsOf(db, co.orgId)).toHaveLength(2);
    });

    test("a viewer of our own company sees an empty outbox", async () => {
      await queue(notice());
      expect(await withUser(db, co.users.viewer, (tx) => listNotifications(tx, co.orgId))).toEqual({ items: [], next: null });
    });
  });

  describe("the outbox list", () => {
    test("newest first, filtered by status and channel, paged without gaps when many share a time", async () => {
      // queued in one transaction: all five share created_at
      const ids = await queue(
        notice({ dedupeKey: "k1" }),
        notice({ dedupeKey: "k2", channel: "sms", recipient: "+13125550100" }),
        notice({ dedupeKey: "k3" }),
        notice({ dedupeKey: "k4", channel: "sms", recipient: "+13125550101" }),
        notice({ dedupeKey: "k5" }),
      );
      fake.failures.email.push({ status: 500, json: { statusCode: 500, name: "internal_server_error", message: "down" } });
      await deliver(T0, { providers: { email: providers.email }, batch: 10 });

      const pages: string[][] = [];
      let before: string | undefined;
      do {
        const page = await withUser(db, co.users.dispatcher, (tx) => listNotifications(tx, co.orgId, { limit: 2, before }));
        pages.push(page.items.map((i) => i.id));
        before = page.next ?? undefined;
      } while (before);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().sort()).toEqual([...ids].sort());

      const list = (filters: Parameters<typeof listNotifications>[2]) =>
        withUser(db, co.users.admin, (tx) => listNotifications(tx, co.orgId, filters)).then((p) => p.items);
      expect((await list({ channel: "sms" })).map((i) => i.status)).toEqual(["pending", "pending"]);
      expect(await list({ status: "failed" })).toHaveLength(1);
      expect(await list({ status: "sent", channel: "email" })).toHaveLength(2);
      const [failed] = await list({ status: "failed" });
      expect(failed).toMatchObject({ channel: "email", attempts: 1, lastError: "Resend HTTP 500 (internal_server_error): down", sentAt: null });
      expect(failed.nextAttemptAt).toBe(minutes(1).toISOString());
    });
  });
});
