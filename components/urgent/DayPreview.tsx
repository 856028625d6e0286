import type { StoredOption } from "@/lib/db/urgent-requests";
import type { BoardDay } from "@/lib/db/board";
import { formatHm } from "@/lib/time/format-time";

interface Visit {
  workOrder: string;
  start: string;
  end: string;
  kind: "kept" | "urgent" | "moved-in" | "moved-out";
}

/** The affected technicians' day before and after an option, as two thin timelines each. */
export function DayPreview({ option, day, urgentWorkOrder }: { option: StoredOption; day: BoardDay; urgentWorkOrder: string }) {
  const tz = day.company.timeZone;
  const techIds = [...new Set([option.technicianId, ...option.bumped.flatMap((b) => [b.old.leaderId, ...(b.next && b.next.day === "today" ? [b.next.leaderId] : [])])])];
  const bumpedIds = new Set(option.bumped.map((b) => b.jobId));
  const starts = day.technicians.filter((t) => t.shift).map((t) => Date.parse(t.shift!.start));
  const ends = day.technicians.filter((t) => t.shift).map((t) => Date.parse(t.shift!.end));
  const from = Math.min(...starts, Date.parse(option.urgentStart)) - 30 * 60000;
  const to = Math.max(...ends, Date.parse(option.urgentEnd)) + 30 * 60000;
  const pos = (iso: string) => `${((Date.parse(iso) - from) / (to - from)) * 100}%`;
  const width = (a: string, b: string) => `${((Date.parse(b) - Date.parse(a)) / (to - from)) * 100}%`;

  const visitsOf = (techId: string, after: boolean): Visit[] => {
    const list: Visit[] = day.assignments
      .filter((a) => a.leaderId === techId || a.helperIds.includes(techId))
      .filter((a) => !after || !bumpedIds.has(a.jobId))
      .map((a) => ({ workOrder: day.jobs[a.jobId]?.workOrder ?? "?", start: a.start, end: a.end, kind: bumpedIds.has(a.jobId) ? "moved-out" : "kept" }));
    if (!after) return list;
    if (techId === option.technicianId) list.push({ workOrder: urgentWorkOrder, start: option.urgentStart, end: option.urgentEnd, kind: "urgent" });
    for (const b of option.bumped) {
      if (b.next && b.next.day === "today" && b.next.leaderId === techId) list.push({ workOrder: b.workOrder, start: b.next.start, end: b.next.end, kind: "moved-in" });
    }
    return list;
  };
  const colour: Record<Visit["kind"], string> = {
    kept: "bg-slate-200 text-slate-800",
    urgent: "bg-red-600 text-white",
    "moved-in": "bg-amber-300 text-amber-950",
    "moved-out": "bg-amber-100 text-amber-900 line-through",
  };
  return (
    <div className="space-y-2" data-testid="day-preview">
      {techIds.map((id) => {
        const tech = day.technicians.find((t) => t.id === id);
        return (
          <div key={id}>
            <div className="text-xs font-medium">{tech?.name ?? "Technician"}</div>
            {(["before", "after"] as const).map((when) => (
              <div key={when} className="flex items-center gap-2">
                <span className="w-10 text-[10px] uppercase text-slate-500">{when}</span>
                <div className="relative h-5 flex-1 rounded bg-slate-50">
                  {visitsOf(id, when === "after").map((v) => (
                    <div
                      key={`${v.workOrder}-${v.start}`}
                      title={`${v.workOrder} ${formatHm(new Date(v.start), tz)}–${formatHm(new Date(v.end), tz)}`}
                      className={`absolute inset-y-0 overflow-hidden rounded px-1 text-[10px] leading-5 ${colour[v.kind]}`}
                      style={{ left: pos(v.start), width: width(v.start, v.end) }}
                    >
                      {v.workOrder}
                    </div>
                  ))}
                </div>
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
