// The morning export: queued once per company and local day however many workers
// run at once, and delivered through the REAL Resend SDK with the CSV attached,
// against a local stand-in for Resend's API.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { queueDueMorningExports } from "@/lib/db/morning-export";
import { withService } from "@/lib/db/with-user";
import { resendEmail } from "@/lib/notify/resend-email";
import { deliverDue } from "@/lib/notify/worker";
import { testTargets } from "@/supabase/tests/helpers";
import { createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

// 07:30 in Chicago on the fixture's Monday; the export is set for 07:00
const MORNING = new Date("2026-11-23T13:30:00Z");
const BEFORE = new Date("2026-11-23T12:59:00Z");

let server: Server;
let url = "";
const received: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      received.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `email-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe.each(testTargets())("the morning export on $name", (target) => {
  let db: Db;
  let other: Db;
  let b: TestBoard;
  beforeEach(async () => {
    received.length = 0;
    db = await target.open();
    // a second app instance: its own connections to the same database (PGlite is one process)
    other = target.name === "postgres" ? await target.open() : db;
    b = await createTestBoard(db);
    await withService(db, (tx) => tx.query("update public.companies set morning_export_time = '07:00' where id = $1", [b.orgId]));
  });
  afterEach(async () => {
    if (other !== db) await other.close();
    await db?.close();
  });

  const exportsOf = () =>
    withService(db, (tx) =>
      tx.query<{ recipient: string; subject: string; body: string; attachments: { filename: string; content_type: string; content: string }[] }>(
        "select recipient, subject, body, attachments from public.notifications where org_id = $1 and kind = 'morning_export' order by recipient",
        [b.orgId],
      ),
    );

  test("nothing before the company's time; at it, two workers at once queue it once, CSV attached", async () => {
    expect(await queueDueMorningExports(db, BEFORE, { orgIds: [b.orgId] })).toEqual([]);
    const [first, second] = await Promise.all([
      queueDueMorningExports(db, MORNING, { orgIds: [b.orgId] }),
      queueDueMorningExports(other, MORNING, { orgIds: [b.orgId] }),
    ]);
    expect([...first, ...second]).toEqual([{ orgId: b.orgId, date: "2026-11-23", rows: 4, recipients: 2 }]);
    // a later tick the same day does nothing
    expect(await queueDueMorningExports(db, new Date(MORNING.getTime() + 3_600_000), { orgIds: [b.orgId] })).toEqual([]);

    const notices = await exportsOf();
    expect(notices.map((n) => n.recipient)).toEqual([b.users.admin.email, b.users.dispatcher.email].sort());
    const [n] = notices;
    expect(n.subject).toBe(`${(await withService(db, (tx) => tx.query<{ name: string }>("select name from public.companies where id = $1", [b.orgId])))[0].name}: 4 unresolved jobs on 2026-11-23`);
    expect(n.body).toContain("4 jobs are left over");
    expect(n.attachments).toHaveLength(1);
    expect(n.attachments[0]).toMatchObject({ filename: "unresolved-2026-11-23.csv", content_type: "text/csv" });
    const csv = Buffer.from(n.attachments[0].content, "base64").toString("utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFwork_order,customer,priority,status,technician,start,end,window_start,window_end,deadline,city,sla_protected,contract,reason");
    for (const key of ["A", "B", "C", "D"]) expect(csv).toContain(b.job(key));
    expect(csv).toContain("still unscheduled");

    // the next morning is a new day
    const tomorrow = new Date(MORNING.getTime() + 24 * 3_600_000);
    expect(await queueDueMorningExports(db, tomorrow, { orgIds: [b.orgId] })).toHaveLength(1);
  });

  test("the worker sends it through Resend with the CSV as an attachment", async () => {
    await queueDueMorningExports(db, MORNING, { orgIds: [b.orgId] });
    const email = resendEmail({ apiKey: "re_test_key", from: "Crewboard <notices@crewboard.test>", baseUrl: url });
    const report = await deliverDue(db, { email }, { orgIds: [b.orgId], now: MORNING });
    expect(report.sent).toBe(2);
    const attachments = received.map((r) => r.attachments as { filename: string; content: string }[]);
    expect(attachments.every((a) => a.length === 1 && a[0].filename === "unresolved-2026-11-23.csv")).toBe(true);
    expect(Buffer.from(attachments[0][0].content, "base64").toString("utf8")).toContain(b.job("A"));
  });
});
