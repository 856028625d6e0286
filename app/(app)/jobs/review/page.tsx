import type { Metadata } from "next";
import Link from "next/link";
import { ReviewQueue } from "@/components/jobs/ReviewQueue";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listReviewQueue } from "@/lib/db/dispatch";
import { wallClock } from "@/lib/time/zoned-time";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewPage() {
  const { session, read } = await pageSession("/jobs/review");
  const items = await read((tx) => listReviewQueue(tx, session.user, now()));
  const canEdit = hasRole(session, ["admin", "dispatcher"]);
  return (
    <main className="space-y-3 p-4">
      <div className="flex items-center gap-3">
        <h1 className="text-lg font-semibold">Manual review queue</h1>
        <span className="text-slate-500">({items.length})</span>
        {canEdit ? (
          <Link href="/jobs/new" className="ml-auto rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
            New job
          </Link>
        ) : null}
      </div>
      <ReviewQueue items={items} timeZone={session.company.timeZone} today={wallClock(now(), session.company.timeZone).date} canEdit={canEdit} />
    </main>
  );
}
