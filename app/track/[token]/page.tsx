import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TrackingView } from "@/components/portal/TrackingView";
import { getDb } from "@/lib/db/connection";
import { readTracking } from "@/lib/portal/tracking";
import { now } from "@/lib/clock";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your service visit", robots: { index: false } };

export default async function TrackPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await readTracking(await getDb(), token, now());
  if (!view) notFound();
  return (
    <main className="mx-auto max-w-xl px-4 py-8">
      <TrackingView token={token} initial={view} />
    </main>
  );
}
