import Link from "next/link";
import type { OnCallNow } from "@/lib/db/on-call";

const clock = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString("en-US", { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });

/** Who is on call right now, one line per rotation, for the board's header. */
export function OnCallNowBadge({ now, timeZone }: { now: OnCallNow[]; timeZone: string }) {
  if (now.length === 0) return null;
  return (
    <p className="text-xs text-slate-700" data-testid="on-call-now">
      <Link href="/oncall" className="font-medium text-brand-700 underline">
        On call now
      </Link>
      {": "}
      {now.map((n, i) => (
        <span key={n.rotationId}>
          {i > 0 ? "; " : ""}
          {n.technicianName} ({n.rotationName}, until {clock(n.until, timeZone)})
        </span>
      ))}
    </p>
  );
}
