import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TechnicianAvailability } from "@/components/technicians/TechnicianAvailability";
import { TechnicianForm } from "@/components/technicians/TechnicianForm";
import { Banner } from "@/components/ui/Field";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { certificationWarnings, getTechnician, listMemberOptions } from "@/lib/db/technicians";
import { wallClock } from "@/lib/time/zoned-time";

export const metadata: Metadata = { title: "Technician" };

export default async function TechnicianPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { session, read } = await pageSession(`/technicians/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const clock = now();
  const { technician, members } = await read(async (tx) => ({
    technician: await getTechnician(tx, session.user.orgId, id, clock),
    members: await listMemberOptions(tx, session.user.orgId),
  }));
  if (!technician) notFound();
  const canEdit = hasRole(session, ["admin", "dispatcher"]);
  const warnings = certificationWarnings(technician.certifications, wallClock(clock, session.company.timeZone).date);
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">
        {technician.name}
        {!technician.active ? <span className="ml-2 rounded bg-slate-200 px-1.5 text-sm font-normal">deactivated</span> : null}
      </h1>
      {warnings.length > 0 ? <Banner kind="info">Certifications: {warnings.join("; ")}.</Banner> : null}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <TechnicianForm key={technician.version} technician={technician} members={members} canEdit={canEdit} />
        <TechnicianAvailability technician={technician} timeZone={session.company.timeZone} canEdit={canEdit} />
      </div>
    </main>
  );
}
