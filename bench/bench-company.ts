/**
 * Companies for database benchmarks: members of every role, technicians with
 * weekday shifts around Chicago, customers and jobs, written with a few bulk
 * statements as the service role. Seeded: the same company every run.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { withService, type Role, type SessionUser } from "@/lib/db/with-user";
import { createRandom } from "@/lib/engine/random";

export interface BenchCompany {
  orgId: string;
  users: Record<Role, SessionUser>;
  technicianIds: string[];
  customerIds: string[];
  jobIds: string[];
}

export interface BenchCompanyOptions {
  name: string;
  technicians: number;
  customers: number;
  jobs: number;
  seed: number;
}

const ROLES: Role[] = ["admin", "dispatcher", "technician", "viewer"];

/** A company with `technicians` (Mon–Fri 07:00–17:00 Chicago), `customers` and unscheduled `jobs`. */
export async function createBenchCompany(db: Db, o: BenchCompanyOptions): Promise<BenchCompany> {
  const random = createRandom(o.seed);
  const slug = `${o.name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 8)}`;
  return withService(db, async (tx) => {
    const [company] = await tx.query<{ id: string }>("insert into public.companies (name, slug, time_zone) values ($1, $2, 'America/Chicago') returning id", [o.name, slug]);
    const users = {} as Record<Role, SessionUser>;
    for (const role of ROLES) {
      const userId = randomUUID();
      const email = `${role}@${slug}.bench`;
      const name = `${role[0].toUpperCase()}${role.slice(1)} of ${o.name}`;
      await tx.query("insert into auth.users (id, email) values ($1, $2)", [userId, email]);
      await tx.query("insert into public.profiles (id, email, full_name) values ($1, $2, $3)", [userId, email, name]);
      await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)", [company.id, userId, role]);
      users[role] = { userId, email, name, orgId: company.id, role };
    }
    const near = () => ({ lat: 41.88 + (random.next() - 0.5) * 0.3, lng: -87.63 + (random.next() - 0.5) * 0.4 });
    const technicianIds = Array.from({ length: o.technicians }, () => randomUUID());
    const homes = technicianIds.map(near);
    await tx.query(
      `insert into public.technicians (org_id, id, name, email, skills, home_lat, home_lng)
       select $1, u.id, 'Tech ' || u.n, 'tech' || u.n || '@${slug}.bench', '{HVAC}', u.lat, u.lng
         from unnest($2::uuid[], $3::int[], $4::float8[], $5::float8[]) as u(id, n, lat, lng)`,
      [company.id, technicianIds, technicianIds.map((_, i) => i + 1), homes.map((h) => h.lat), homes.map((h) => h.lng)],
    );
    await tx.query(
      `insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at)
       select $1, t, d, '07:00', '17:00' from unnest($2::uuid[]) as t, generate_series(1, 7) as d`,
      [company.id, technicianIds],
    );
    const customerIds = Array.from({ length: o.customers }, () => randomUUID());
    const sites = customerIds.map(near);
    await tx.query(
      `insert into public.customers (org_id, id, name, email, phone, city, lat, lng)
       select $1, u.id, 'Customer ' || u.n, 'customer' || u.n || '@${slug}.bench', '+1312555' || lpad(u.n::text, 4, '0'), 'Chicago', u.lat, u.lng
         from unnest($2::uuid[], $3::int[], $4::float8[], $5::float8[]) as u(id, n, lat, lng)`,
      [company.id, customerIds, customerIds.map((_, i) => i + 1), sites.map((s) => s.lat), sites.map((s) => s.lng)],
    );
    const jobIds = Array.from({ length: o.jobs }, () => randomUUID());
    const jobCustomers = jobIds.map((_, i) => customerIds[i % customerIds.length]);
    await tx.query(
      `insert into public.jobs (org_id, id, work_order, customer_id, description, priority, required_skills, estimated_minutes, city, lat, lng)
       select $1, u.id, 'B-' || u.n, u.customer_id, 'Maintenance visit', 3, '{HVAC}', 60, 'Chicago', c.lat, c.lng
         from unnest($2::uuid[], $3::int[], $4::uuid[]) as u(id, n, customer_id) join public.customers c on c.id = u.customer_id`,
      [company.id, jobIds, jobIds.map((_, i) => i + 1), jobCustomers],
    );
    return { orgId: company.id, users, technicianIds, customerIds, jobIds };
  });
}
