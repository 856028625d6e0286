import type { Db, Queryable } from "@/lib/db/client";
import { withService } from "@/lib/db/with-user";
import { hashPassword } from "@/lib/auth/password";
import {
  BAYSIDE,
  DEMO_PASSWORD,
  POLAR_AIR,
  generateDemoCompany,
  type DemoCompany,
  type DemoCompanySpec,
} from "@/lib/demo/demo-data";
import { wallClock } from "@/lib/time/zoned-time";
import { now as clockNow } from "@/lib/clock";

export interface SeededLogin {
  company: string;
  role: string;
  email: string;
  password: string;
}

/** Inserts rows given as plain objects in one statement (keys are column names). */
async function insertRows(tx: Queryable, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    if (chunk.length === 0) continue;
    const columns = Object.keys(chunk[0]);
    await tx.query(
      `insert into ${table} (${columns.join(", ")})
       select ${columns.join(", ")} from jsonb_populate_recordset(null::${table}, $1::jsonb)`,
      [JSON.stringify(chunk)],
    );
  }
}

/** Writes one generated company, its people and its board, in one transaction. */
export async function writeDemoCompany(db: Db, company: DemoCompany, passwordHash: string): Promise<void> {
  const { spec } = company;
  await withService(db, async (tx) => {
    await insertRows(tx, "public.companies", [
      {
        id: company.id,
        name: spec.name,
        slug: spec.slug,
        time_zone: spec.timeZone,
        travel_speed_kmh: spec.travel.speedKmh,
        road_factor: spec.travel.roadFactor,
        travel_buffer_min: spec.travel.bufferMin,
        // the demo companies take requests at /request/<slug>
        portal_enabled: true,
      },
    ]);
    await insertRows(tx, "auth.users", company.users.map((u) => ({ id: u.id, email: u.email, encrypted_password: passwordHash })));
    await insertRows(tx, "public.profiles", company.users.map((u) => ({ id: u.id, email: u.email, full_name: u.fullName })));
    await insertRows(tx, "public.memberships", company.users.map((u) => ({ org_id: company.id, user_id: u.id, role: u.role })));
    await insertRows(
      tx,
      "public.technicians",
      company.technicians.map((t) => ({
        id: t.id,
        org_id: company.id,
        user_id: t.userId,
        name: t.name,
        email: t.email,
        phone: t.phone,
        skills: t.skills,
        home_lat: t.home.lat,
        home_lng: t.home.lng,
        home_address: t.homeAddress,
      })),
    );
    await insertRows(
      tx,
      "public.technician_shifts",
      company.technicians.flatMap((t) =>
        t.shifts.map((s) => ({ org_id: company.id, technician_id: t.id, weekday: s.weekday, starts_at: s.startsAt, ends_at: s.endsAt })),
      ),
    );
    await insertRows(
      tx,
      "public.job_templates",
      company.templates.map((t) => ({
        id: t.id,
        org_id: company.id,
        name: t.name,
        default_minutes: t.defaultMinutes,
        required_skills: t.requiredSkills,
        priority: t.priority,
        dispatch_mode: t.dispatchMode,
        offered_to_customers: t.offeredToCustomers,
      })),
    );
    await insertRows(
      tx,
      "public.job_template_workers",
      company.templates.flatMap((t) =>
        t.leaderIds.map((id, position) => ({ org_id: company.id, template_id: t.id, technician_id: id, role: "leader", position })),
      ),
    );
    // preferred technicians are set after technicians exist (composite foreign key)
    await insertRows(
      tx,
      "public.customers",
      company.customers.map((c) => ({
        id: c.id,
        org_id: company.id,
        name: c.name,
        email: c.email,
        phone: c.phone,
        address: c.address,
        city: c.city,
        lat: c.location.lat,
        lng: c.location.lng,
        contract: c.contract,
        preferred_technician_id: c.preferredTechnicianId,
      })),
    );
    await insertRows(
      tx,
      "public.jobs",
      company.jobs.map((j) => ({
        id: j.id,
        org_id: company.id,
        work_order: j.workOrder,
        customer_id: j.customerId,
        description: j.description,
        priority: j.priority,
        required_skills: j.requiredSkills,
        estimated_minutes: j.estimatedMinutes,
        address: j.address,
        city: j.city,
        lat: j.location.lat,
        lng: j.location.lng,
        window_start: j.windowStart?.toISOString() ?? null,
        window_end: j.windowEnd?.toISOString() ?? null,
        deadline: j.deadline?.toISOString() ?? null,
        sla_protected: j.slaProtected,
        status: j.status,
        notes: j.notes,
      })),
    );
    await insertRows(
      tx,
      "public.assignments",
      company.assignments.map((a) => ({
        id: a.id,
        org_id: company.id,
        job_id: a.jobId,
        leader_id: a.leaderId,
        starts_at: a.startsAt.toISOString(),
        ends_at: a.endsAt.toISOString(),
        published_at: a.publishedAt?.toISOString() ?? null,
      })),
    );
    await insertRows(
      tx,
      "public.assignment_helpers",
      company.assignments.flatMap((a) => a.helperIds.map((h) => ({ org_id: company.id, assignment_id: a.id, technician_id: h }))),
    );
    await insertRows(
      tx,
      "public.time_off",
      company.timeOff.map((o) => ({
        id: o.id,
        org_id: company.id,
        technician_id: o.technicianId,
        starts_at: o.startsAt.toISOString(),
        ends_at: o.endsAt.toISOString(),
        reason: o.reason,
      })),
    );
  });
}

function loginsOf(company: DemoCompany): SeededLogin[] {
  return company.users.map((u) => ({ company: company.spec.name, role: u.role, email: u.email, password: DEMO_PASSWORD }));
}

/** Generates and writes a company for "today" in its own time zone. */
export async function seedCompany(db: Db, spec: DemoCompanySpec, now: Date, passwordHash?: string): Promise<SeededLogin[]> {
  const today = wallClock(now, spec.timeZone).date;
  const company = generateDemoCompany(spec, today, now);
  await writeDemoCompany(db, company, passwordHash ?? (await hashPassword(DEMO_PASSWORD)));
  return loginsOf(company);
}

/**
 * On an empty database, creates the two demo companies and returns their logins;
 * on a database that already has companies, does nothing and returns [].
 */
export async function seedDemoIfEmpty(db: Db, now = clockNow()): Promise<SeededLogin[]> {
  const [{ count }] = await withService(db, (tx) => tx.query<{ count: number }>("select count(*)::int as count from public.companies"));
  if (count > 0) return [];
  const hash = await hashPassword(DEMO_PASSWORD);
  return [...(await seedCompany(db, POLAR_AIR, now, hash)), ...(await seedCompany(db, BAYSIDE, now, hash))];
}

/** The demo logins, for printing at start-up. */
export function formatLogins(logins: SeededLogin[]): string {
  const lines = ["Demo logins (password for all: " + DEMO_PASSWORD + "):"];
  let company = "";
  for (const l of logins) {
    if (l.company !== company) {
      company = l.company;
      lines.push(`  ${company}`);
    }
    lines.push(`    ${l.role.padEnd(11)} ${l.email}`);
  }
  return lines.join("\n");
}
