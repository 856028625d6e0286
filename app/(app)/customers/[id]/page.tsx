import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerForm } from "@/components/customers/CustomerForm";
import { CustomerSeries } from "@/components/customers/CustomerSeries";
import { CustomerSites } from "@/components/customers/CustomerSites";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { STATUS_LABEL } from "@/lib/board-format";
import { getCustomer } from "@/lib/db/customers";
import { listTechnicianOptions } from "@/lib/db/lookups";
import { listSeries } from "@/lib/db/recurring";
import { listTemplates } from "@/lib/db/templates";
import { now } from "@/lib/clock";
import { formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { session, read } = await pageSession(`/customers/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const today = wallClock(now(), session.company.timeZone).date;
  const { customer, technicians, series, kinds } = await read(async (tx) => ({
    customer: await getCustomer(tx, session.user.orgId, id),
    technicians: await listTechnicianOptions(tx, session.user.orgId),
    series: await listSeries(tx, session.user.orgId, id, today),
    kinds: (await listTemplates(tx, session.user.orgId, { activeOnly: true })).map((t) => ({ id: t.id, name: t.name })),
  }));
  if (!customer) notFound();
  const canEdit = hasRole(session, ["admin", "dispatcher"]);
  const tz = session.company.timeZone;
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">{customer.name}</h1>
      <div className="grid gap-4 xl:grid-cols-2">
        <CustomerForm key={customer.version} customer={customer} technicians={technicians} canEdit={canEdit} />
        <CustomerSites customer={customer} technicians={technicians} canEdit={canEdit} />
      </div>
      <CustomerSeries customerId={customer.id} sites={customer.sites} series={series} canEdit={canEdit} today={today} kinds={kinds} />
      <section aria-label="Job history" className="rounded-lg border border-slate-200 bg-white p-3">
        <h2 className="font-medium">Job history</h2>
        <table className="mt-1 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th className="py-1 font-medium">Work order</th>
              <th className="font-medium">What</th>
              <th className="font-medium">Site</th>
              <th className="font-medium">When</th>
              <th className="font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {customer.jobs.map((j) => (
              <tr key={j.id}>
                <td className="py-1">
                  <Link href={`/jobs/${j.id}`} className="text-brand-700 underline">
                    {j.workOrder}
                  </Link>
                </td>
                <td>{j.description}</td>
                <td className="text-xs">{j.siteLabel ?? "—"}</td>
                <td className="text-xs">{j.when ? `${wallClock(new Date(j.when), tz).date} ${formatHm(new Date(j.when), tz)}` : "not scheduled"}</td>
                <td className="text-xs">{STATUS_LABEL[j.status as keyof typeof STATUS_LABEL] ?? j.status}</td>
              </tr>
            ))}
            {customer.jobs.length === 0 ? (
              <tr>
                <td colSpan={5} className="py-2 text-slate-600">
                  No jobs yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
    </main>
  );
}
