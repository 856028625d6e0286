/**
 * A large company for the records benchmark: `customers` customers, each with a
 * primary site (from the customers trigger), one job each spread over the last
 * 180 days, and a dispatcher to search as. Built with set-based SQL so 100,000
 * customers take seconds, not minutes.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { withService, type SessionUser } from "@/lib/db/with-user";

export interface RecordsCompany {
  orgId: string;
  dispatcher: SessionUser;
  customers: number;
}

const FIRST = ["Acme", "Northside", "Lakeview", "Riverside", "Summit", "Harbor", "Pioneer", "Maple", "Cedar", "Granite", "Prairie", "Union", "Liberty", "Oakwood", "Westfield", "Eastgate", "Midway", "Crescent", "Heritage", "Beacon"];
const SECOND = ["Dental", "Bakery", "Foods", "Logistics", "Clinic", "Hotel", "Apartments", "Church", "School", "Market", "Brewing", "Fitness", "Library", "Motors", "Printing", "Storage", "Cafe", "Pharmacy", "Studio", "Laundry", "Kitchen", "Dairy", "Florist", "Garage", "Salon"];
const STREETS = ["N Michigan Ave", "W Madison St", "S Wacker Dr", "N Clark St", "W Fulton Market", "S State St", "N Halsted St", "W Division St", "N Ashland Ave", "W Roosevelt Rd", "S Halsted St", "N Milwaukee Ave"];
const ZIPS = ["60601", "60602", "60603", "60604", "60605", "60606", "60607", "60608", "60610", "60611", "60612", "60614"];

const sqlArray = (list: string[]) => `array[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(", ")}]`;

/**
 * Creates (once per size) the company `Records Bench <n>`; returns it and its dispatcher.
 *
 * @example
 * const company = await seedRecordsCompany(db, 100_000); // ~100,000 customers, sites and jobs
 */
export async function seedRecordsCompany(db: Db, customers: number): Promise<RecordsCompany & { created: boolean }> {
  const slug = `records-bench-${customers}`;
  return withService(db, async (tx) => {
    const [existing] = await tx.query<{ id: string; user_id: string; email: string }>(
      `select c.id, m.user_id, p.email from public.companies c
         join public.memberships m on m.org_id = c.id and m.role = 'dispatcher'
         join public.profiles p on p.id = m.user_id
        where c.slug = $1 limit 1`,
      [slug],
    );
    if (existing) {
      return { orgId: existing.id, customers, created: false, dispatcher: { userId: existing.user_id, email: existing.email, name: "Bench Dispatcher", orgId: existing.id, role: "dispatcher" as const } };
    }
    const [company] = await tx.query<{ id: string }>(
      "insert into public.companies (name, slug, time_zone) values ($1, $2, 'America/Chicago') returning id",
      [`Records Bench ${customers}`, slug],
    );
    const userId = randomUUID();
    const email = `dispatcher@${slug}.bench`;
    await tx.query("insert into auth.users (id, email) values ($1, $2)", [userId, email]);
    await tx.query("insert into public.profiles (id, email, full_name) values ($1, $2, 'Bench Dispatcher')", [userId, email]);
    await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'dispatcher')", [company.id, userId]);
    await tx.query(
      `insert into public.customers (org_id, name, phone, email, address, city, lat, lng, contract)
       select $1,
              (${sqlArray(FIRST)})[1 + i % ${FIRST.length}] || ' ' || (${sqlArray(SECOND)})[1 + (i / ${FIRST.length}) % ${SECOND.length}] || ' ' || i,
              '+1 312 ' || lpad(((i * 7919) % 1000)::text, 3, '0') || ' ' || lpad((i % 10000)::text, 4, '0'),
              case when i % 5 = 0 then null else 'office' || i || '@example.com' end,
              (1 + (i * 37) % 9999) || ' ' || (${sqlArray(STREETS)})[1 + i % ${STREETS.length}],
              'Chicago',
              41.75 + ((i * 7) % 1000) / 2500.0,
              -87.80 + ((i * 13) % 1000) / 2500.0,
              i % 7 = 0
         from generate_series(1, $2::int) as i`,
      [company.id, customers],
    );
    await tx.query(
      `update public.customer_sites s set postal_code = (${sqlArray(ZIPS)})[1 + (abs(hashtext(s.id::text)) % ${ZIPS.length})], region = 'IL'
        where s.org_id = $1`,
      [company.id],
    );
    await tx.query(
      `insert into public.jobs (org_id, work_order, customer_id, site_id, description, priority, estimated_minutes, address, city, lat, lng, status, created_at, window_start, window_end)
       select c.org_id, 'RB-' || lpad(row_number() over (order by c.id)::text, 7, '0'), c.id, s.id,
              (array['Furnace check', 'No heat', 'Leaking pipe', 'Filter change', 'Breaker trips', 'Walk-in cooler warm'])[1 + (abs(hashtext(c.id::text)) % 6)],
              1 + abs(hashtext(c.id::text || 'p')) % 4, 60, c.address, c.city, c.lat, c.lng,
              (array['unscheduled', 'scheduled', 'done', 'done', 'done', 'cancelled'])[1 + (abs(hashtext(c.id::text || 's')) % 6)],
              now() - make_interval(mins => abs(hashtext(c.id::text || 'c')) % (180 * 24 * 60)),
              null, null
         from public.customers c join public.customer_sites s on s.customer_id = c.id and s.is_primary
        where c.org_id = $1`,
      [company.id],
    );
    return { orgId: company.id, customers, created: true, dispatcher: { userId, email, name: "Bench Dispatcher", orgId: company.id, role: "dispatcher" } as SessionUser };
  }).then(async (result) => {
    // fresh statistics, so the planner picks the trigram indexes at once
    if (result.created) await db.exec("analyze public.customers; analyze public.customer_sites; analyze private.customer_terms; analyze public.jobs;");
    return result;
  });
}
