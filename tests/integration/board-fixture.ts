/**
 * A small, realistic board for integration tests: one company in Chicago with three
 * technicians, customers who can and cannot be reached, and jobs on Monday
 * 2026-11-23 (shifts 08:00–16:30 local = 14:00–22:30 UTC).
 */
import type { Db } from "@/lib/db/client";
import { withService, type SessionUser } from "@/lib/db/with-user";
import { createCompany, hex, type CompanyFixture } from "@/supabase/tests/helpers";

export const DAY = "2026-11-23";
/** 09:00 in Chicago on the test day. */
export const NINE_AM = new Date("2026-11-23T15:00:00Z");
/** A UTC instant for a Chicago wall-clock time on the test day. */
export const at = (hhmm: string): string => {
  const [h, m] = hhmm.split(":").map(Number);
  return new Date(Date.UTC(2026, 10, 23, h + 6, m)).toISOString();
};

export interface TestBoard extends CompanyFixture {
  dispatcher: SessionUser;
  viewer: SessionUser;
  techs: { ali: string; sam: string; mei: string };
  customers: { reachable: string; emailOnly: string; unreachable: string };
  job: (workOrder: string) => string;
  jobs: Record<string, string>;
}

export async function createTestBoard(db: Db): Promise<TestBoard> {
  const company = await createCompany(db, { name: `Polar Test ${hex()}`, timeZone: "America/Chicago" });
  const { orgId } = company;
  const wo = hex(3).toUpperCase();
  const jobs: Record<string, string> = {};
  const result = await withService(db, async (tx) => {
    await tx.query("update public.profiles set full_name = 'Dana Dispatcher' where id = $1", [company.users.dispatcher.userId]);
    const tech = async (name: string, skills: string[], lat: number, lng: number) => {
      const [t] = await tx.query<{ id: string }>(
        `insert into public.technicians (org_id, name, email, phone, skills, home_lat, home_lng)
         values ($1, $2, $3, '+13125550100', $4, $5, $6) returning id`,
        [orgId, name, `${name.toLowerCase().replace(/\s/g, ".")}.${wo}@example.test`, skills, lat, lng],
      );
      for (const weekday of [1, 2, 3, 4, 5]) {
        await tx.query(
          "insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at) values ($1, $2, $3, '08:00', '16:30')",
          [orgId, t.id, weekday],
        );
      }
      return t.id;
    };
    const techs = {
      ali: await tech("Ali Haddad", ["HVAC", "EPA-608"], 41.88, -87.63),
      sam: await tech("Sam Okafor", ["HVAC"], 41.89, -87.64),
      mei: await tech("Mei Chen", ["plumbing"], 41.87, -87.62),
    };
    const customer = async (name: string, phone: string | null, email: string | null) => {
      const [c] = await tx.query<{ id: string }>(
        "insert into public.customers (org_id, name, phone, email, city, lat, lng) values ($1, $2, $3, $4, 'Chicago', 41.885, -87.635) returning id",
        [orgId, name, phone, email],
      );
      return c.id;
    };
    const customers = {
      reachable: await customer("Lakeview Diner", "+13125550199", "diner@example.test"),
      emailOnly: await customer("Oak Dental", null, "dental@example.test"),
      unreachable: await customer("Silent Storage", null, null),
    };
    const job = async (key: string, customerId: string, skills: string[], minutes = 60) => {
      const [j] = await tx.query<{ id: string }>(
        `insert into public.jobs (org_id, work_order, customer_id, description, priority, required_skills, estimated_minutes, city, lat, lng)
         values ($1, $2, $3, 'Test visit', 3, $4, $5, 'Chicago', 41.885, -87.635) returning id`,
        [orgId, `WO-${wo}-${key}`, customerId, skills, minutes],
      );
      jobs[key] = j.id;
    };
    await job("A", customers.reachable, ["HVAC"]);
    await job("B", customers.emailOnly, ["HVAC"]);
    await job("C", customers.unreachable, ["EPA-608"]);
    await job("D", customers.reachable, ["HVAC"], 90);
    return { techs, customers };
  });
  const person = (role: "dispatcher" | "viewer", name: string): SessionUser => ({ ...company.users[role], name });
  return {
    ...company,
    ...result,
    dispatcher: person("dispatcher", "Dana Dispatcher"),
    viewer: person("viewer", "Vic Viewer"),
    jobs,
    job: (key: string) => `WO-${wo}-${key}`,
  };
}
