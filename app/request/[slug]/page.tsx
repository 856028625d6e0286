import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequestForm } from "@/components/portal/RequestForm";
import { getDb } from "@/lib/db/connection";
import { findPortalCompany, listOfferedServices } from "@/lib/db/portal";
import { withUser } from "@/lib/db/with-user";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const company = await findPortalCompany(await getDb(), (await params).slug);
  return { title: company ? `Request service from ${company.name}` : "Request service" };
}

export default async function RequestPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const db = await getDb();
  const company = await findPortalCompany(db, slug);
  if (!company) notFound();
  const services = await withUser(db, company.principal, (tx) => listOfferedServices(tx, company.orgId));
  return (
    <main className="mx-auto max-w-xl space-y-4 px-4 py-8">
      <header>
        <p className="text-sm text-slate-600">{company.name}</p>
        <h1 className="text-2xl font-semibold text-slate-900">Request a service visit</h1>
        <p className="mt-1 text-slate-700">Tell us what is wrong and where. We will schedule a technician and send you a link to follow the visit.</p>
      </header>
      {services.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">Online requests are not available right now. Please call us.</p>
      ) : (
        <RequestForm slug={slug} services={services} timeZone={company.timeZone} />
      )}
    </main>
  );
}
