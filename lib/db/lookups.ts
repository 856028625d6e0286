/** Small lists for forms: customers and technicians of the signed-in person's company. */
import type { Queryable } from "@/lib/db/client";

export interface CustomerOption {
  id: string;
  name: string;
  city: string | null;
  contract: boolean;
}

export interface TechnicianOption {
  id: string;
  name: string;
  skills: string[];
}

export async function listCustomerOptions(tx: Queryable, orgId: string): Promise<CustomerOption[]> {
  const rows = await tx.query<{ id: string; name: string; city: string | null; contract: boolean }>(
    "select id, name, city, contract from public.customers where org_id = $1 order by name limit 5000",
    [orgId],
  );
  return rows;
}

export async function listTechnicianOptions(tx: Queryable, orgId: string): Promise<TechnicianOption[]> {
  const rows = await tx.query<{ id: string; name: string; skills: string[] }>(
    "select id, name, skills from public.technicians where org_id = $1 and active order by name",
    [orgId],
  );
  return rows;
}
