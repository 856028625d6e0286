import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/AuditFilters";
import { AuditPager, AuditTrail } from "@/components/audit/AuditTrail";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listAuditActors, loadAuditPage } from "@/lib/db/audit";
import { type Role } from "@/lib/db/with-user";
import { parseAuditSearch, type AuditSearchValues } from "@/lib/schemas/audit";

export const metadata: Metadata = { title: "Audit trail" };

/** The roles the database lets read the trail (see the audit_log select policy). */
const READERS: readonly Role[] = ["admin", "dispatcher"];

function hrefWith(values: AuditSearchValues, page: number): string {
  const q = new URLSearchParams();
  if (values.date) q.set("date", values.date);
  if (values.actor) q.set("actor", values.actor);
  if (values.job) q.set("job", values.job);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/audit?${s}` : "/audit";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { session, read } = await pageSession("/audit");
  if (!hasRole(session, READERS)) {
    return (
      <main className="space-y-3 p-4">
        <h1 className="text-lg font-semibold">Audit trail</h1>
        <div role="alert" className="max-w-xl rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900" data-testid="audit-not-allowed">
          <p className="font-medium">Not allowed</p>
          <p>The audit trail is open to admins and dispatchers. You are signed in as a {session.user.role}; ask an admin if you need to see who changed what.</p>
        </div>
      </main>
    );
  }

  const { values, errors } = parseAuditSearch(await searchParams);
  const tz = session.company.timeZone;
  const [page, actors] = await read((tx) =>
    Promise.all([loadAuditPage(tx, session.user.orgId, tz, values), listAuditActors(tx, session.user.orgId)]),
  );
  const filtered = Boolean(values.date || values.actor || values.job);

  return (
    <main className="space-y-3 p-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Audit trail</h1>
        <span className="text-xs text-slate-500">Every change to {session.company.name}, newest first · times in {tz}</span>
      </div>
      <AuditFilters values={values} actors={actors} />
      {errors.length > 0 ? (
        <p role="alert" className="text-xs text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
      <AuditTrail changes={page.changes} names={page.names} timeZone={tz} filtered={filtered} />
      <AuditPager page={page.page} hasMore={page.hasMore} hrefFor={(n) => hrefWith(values, n)} />
    </main>
  );
}
