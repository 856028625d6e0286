import type { Metadata } from "next";
import { TechnicianList } from "@/components/technicians/TechnicianList";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { listTechnicians, technicianFacets, type TechnicianFilter } from "@/lib/db/technicians";
import { wallClock } from "@/lib/time/zoned-time";

export const metadata: Metadata = { title: "Technicians" };

export default async function TechniciansPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const { session, read } = await pageSession("/technicians");
  const state = params.state === "inactive" || params.state === "all" ? params.state : "active";
  const filter: TechnicianFilter = { q: params.q?.slice(0, 200), skill: params.skill?.slice(0, 60), zone: params.zone?.slice(0, 60), state };
  const today = wallClock(now(), session.company.timeZone).date;
  const { items, facets } = await read(async (tx) => ({
    items: await listTechnicians(tx, session.user.orgId, filter, today),
    facets: await technicianFacets(tx, session.user.orgId),
  }));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">Technicians</h1>
      <TechnicianList items={items} filter={filter} facets={facets} canEdit={hasRole(session, ["admin", "dispatcher"])} />
    </main>
  );
}
