import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withUser, type SessionUser } from "@/lib/db/with-user";
import { writeDemoCompany } from "@/lib/db/seed";
import { submitUrgent } from "@/lib/db/urgent-ranking";
import { loadReplanInput, saveReplanOption } from "@/lib/db/urgent-replan";
import { getUrgentRequest } from "@/lib/db/urgent-requests";
import { generateDemoCompany, POLAR_AIR, type DemoCompany } from "@/lib/demo/demo-data";
import { planUrgentReplan } from "@/lib/optimise/urgent-replan";
import { testTargets } from "@/supabase/tests/helpers";

// The demo company as the server seeds it, in a database of this test's own, on a fixed
// Tuesday at 07:00 in Chicago: the refrigeration emergency the demo is built around.
const NOW = new Date("2027-03-09T13:00:00Z");
const TODAY = "2027-03-09";

describe.each(testTargets())("the demo's refrigeration emergency on $name", (target) => {
  let db: Db;
  let polar: DemoCompany;
  let dispatcher: SessionUser & { role: "dispatcher" };
  beforeEach(async () => {
    db = await target.open();
    polar = generateDemoCompany(POLAR_AIR, TODAY, NOW);
    // any hash will do: nobody signs in here
    await writeDemoCompany(db, polar, "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const user = polar.users.find((u) => u.role === "dispatcher")!;
    dispatcher = { userId: user.id, email: user.email, name: user.fullName, orgId: polar.id, role: "dispatcher" };
  });
  afterEach(async () => db?.close());

  test("gets at least three distinct options, the day re-planned by the optimiser among them, each with its harm in words", async () => {
    const customer = polar.customers[5];
    const { id } = await withUser(db, dispatcher, (tx) =>
      submitUrgent(
        tx,
        dispatcher,
        {
          workOrder: "URG-DEMO-1",
          customerId: customer.id,
          lat: customer.location.lat,
          lng: customer.location.lng,
          requiredSkills: ["refrigeration"],
          durationMin: 120,
          deadline: new Date(`${TODAY}T12:00:00-06:00`).toISOString(),
          priority: 1,
          description: "Walk-in freezer not holding temperature",
        },
        NOW,
      ),
    );
    const input = (await withUser(db, dispatcher, (tx) => loadReplanInput(tx, polar.id, id, NOW)))!;
    const planned = await planUrgentReplan(input.day, input.job, { now: NOW, timeLimitMs: 60_000, maxIterations: 150, threads: 1, allowSlaOverride: input.allowSlaOverride });
    expect(planned.option === null ? planned.reason : "offered").toBe("offered");
    expect((await withUser(db, dispatcher, (tx) => saveReplanOption(tx, dispatcher, input, planned))).kept).toBe(true);

    const r = (await withUser(db, dispatcher, (tx) => getUrgentRequest(tx, polar.id, id)))!;
    expect(r.options.length).toBeGreaterThanOrEqual(3);
    expect(r.options.filter((o) => o.kind === "replan")).toHaveLength(1);
    // distinct: no two put the urgent job with the same technician at the same time and move the same visits
    const shapes = r.options.map((o) => `${o.technicianId} ${o.urgentStart} ${o.bumped.map((m) => `${m.workOrder}>${m.next?.start ?? "-"}`).join(",")}`);
    expect(new Set(shapes).size).toBe(shapes.length);
    // every option meets the deadline and says what it costs in words
    for (const o of r.options) {
      expect(o.meetsDeadline).toBe(true);
      expect(Date.parse(o.urgentEnd)).toBeLessThanOrEqual(Date.parse(`${TODAY}T12:00:00-06:00`));
      for (const part of o.harm.parts) expect(part.why.length).toBeGreaterThan(10);
    }
    // more than one technician is offered: the ranking searched wider than one lane
    expect(new Set(r.options.map((o) => o.technicianId)).size).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
