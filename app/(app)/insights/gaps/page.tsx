import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GapsView } from "@/components/gaps/GapsView";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { loadGaps } from "@/lib/db/gaps";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Schedule gaps" };

export default async function GapsPage() {
  const { session, read } = await pageSession("/insights/gaps");
  if (!hasRole(session, ["admin", "dispatcher", "viewer"])) notFound();
  const data = await read((tx) => loadGaps(tx, session.user.orgId, now()));
  if (!data) notFound();
  return (
    <main className="space-y-3 p-4">
      <div className="flex items-center gap-4">
        <h1 className="text-lg font-semibold">Schedule gaps and balance</h1>
        <Link href="/insights" className="text-brand-700 underline">
          Insights
        </Link>
      </div>
      <GapsView data={data} canAssign={hasRole(session, ["admin", "dispatcher"])} />
    </main>
  );
}
