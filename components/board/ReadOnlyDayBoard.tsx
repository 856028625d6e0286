import type { BoardDay, BoardJob } from "@/lib/db/board";
import { formatHm, zonedToUtc } from "@/lib/engine/zoned-time";
import { PRIORITY_CLASS, PRIORITY_LABEL, STATUS_LABEL, formatDuration } from "@/lib/board-format";

const DAY_START_HOUR = 6;
const DAY_END_HOUR = 20;

function minutesBetween(a: string | Date, b: string | Date): number {
  return (new Date(b).getTime() - new Date(a).getTime()) / 60000;
}

/** A day's board, read-only: a lane per technician with shift, time off and jobs in time order, and the queue. */
export function ReadOnlyDayBoard({ board }: { board: BoardDay }) {
  const tz = board.company.timeZone;
  const origin = zonedToUtc(board.date, `${String(DAY_START_HOUR).padStart(2, "0")}:00`, tz);
  const span = (DAY_END_HOUR - DAY_START_HOUR) * 60;
  const pct = (iso: string) => `${Math.max(0, Math.min(100, (minutesBetween(origin, iso) / span) * 100))}%`;
  const width = (a: string, b: string) => {
    const from = Math.max(0, minutesBetween(origin, a));
    const to = Math.min(span, minutesBetween(origin, b));
    return `${Math.max(0, ((to - from) / span) * 100)}%`;
  };
  const hours = Array.from({ length: DAY_END_HOUR - DAY_START_HOUR }, (_, i) => DAY_START_HOUR + i);
  const lanes = board.technicians.map((t) => ({
    tech: t,
    items: board.assignments.filter((a) => a.leaderId === t.id || a.helperIds.includes(t.id)),
  }));

  return (
    <div className="flex gap-4">
      <section aria-label="Technician timelines" className="min-w-0 flex-1 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <div className="min-w-[900px]">
          <div className="flex border-b border-slate-200 text-xs text-slate-500">
            <div className="w-52 shrink-0 px-3 py-1.5 font-medium">Technician</div>
            <div className="relative h-7 flex-1">
              {hours.map((h, i) => (
                <span key={h} className="absolute top-1.5 -translate-x-1/2" style={{ left: `${(i / hours.length) * 100}%` }}>
                  {i === 0 ? "" : `${String(h).padStart(2, "0")}:00`}
                </span>
              ))}
            </div>
          </div>
          {lanes.map(({ tech, items }) => {
            const booked = items.reduce((sum, a) => sum + minutesBetween(a.start, a.end), 0);
            const shiftMin = tech.shift ? minutesBetween(tech.shift.start, tech.shift.end) : 0;
            return (
              <div key={tech.id} className="flex border-b border-slate-100 last:border-b-0" data-testid="lane" data-technician={tech.name}>
                <div className="w-52 shrink-0 px-3 py-2">
                  <div className="truncate font-medium">{tech.name}</div>
                  <div className="truncate text-xs text-slate-500">{tech.skills.join(" · ")}</div>
                  <div className="text-xs text-slate-500">
                    {tech.shift ? `${formatHm(new Date(tech.shift.start), tz)}–${formatHm(new Date(tech.shift.end), tz)}` : "Off today"}
                    {" · "}
                    {(booked / 60).toFixed(1)} / {(shiftMin / 60).toFixed(1)} h
                  </div>
                </div>
                <div className="relative h-16 flex-1 bg-slate-50/60">
                  {tech.shift ? (
                    <div className="absolute inset-y-0 bg-white" style={{ left: pct(tech.shift.start), width: width(tech.shift.start, tech.shift.end) }} />
                  ) : null}
                  {tech.timeOff.map((o) => (
                    <div
                      key={o.start}
                      title={`Time off${o.reason ? `: ${o.reason}` : ""}`}
                      className="absolute inset-y-0 bg-[repeating-linear-gradient(45deg,#e2e8f0_0,#e2e8f0_6px,#f8fafc_6px,#f8fafc_12px)]"
                      style={{ left: pct(o.start), width: width(o.start, o.end) }}
                    />
                  ))}
                  {items.map((a) => {
                    const job = board.jobs[a.jobId];
                    return (
                      <JobBlock
                        key={a.id}
                        job={job}
                        label={`${formatHm(new Date(a.start), tz)}–${formatHm(new Date(a.end), tz)}`}
                        helper={a.leaderId !== tech.id}
                        style={{ left: pct(a.start), width: width(a.start, a.end) }}
                      />
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
      </section>
      <aside aria-label="Unscheduled queue" className="w-80 shrink-0 rounded-lg border border-slate-200 bg-white">
        <h2 className="border-b border-slate-200 px-3 py-2 font-medium">
          Unscheduled <span className="text-slate-500">({board.queue.length})</span>
        </h2>
        <ul className="max-h-[70vh] divide-y divide-slate-100 overflow-y-auto">
          {board.queue.map((id) => {
            const job = board.jobs[id];
            return (
              <li key={id} className={`border-l-4 px-3 py-2 ${PRIORITY_CLASS[job.priority]}`} data-testid="queue-item">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="font-medium">{job.workOrder}</span>
                  <span className="text-xs text-slate-600">{PRIORITY_LABEL[job.priority]}</span>
                </div>
                <div className="truncate">{job.description}</div>
                <div className="text-xs text-slate-500">
                  {job.customerName} · {job.city ?? "—"} · {formatDuration(job.estimatedMinutes)}
                </div>
                {job.requiredSkills.length > 0 ? <div className="text-xs text-slate-500">Needs {job.requiredSkills.join(", ")}</div> : null}
              </li>
            );
          })}
          {board.queue.length === 0 ? <li className="px-3 py-6 text-center text-slate-500">Nothing waiting.</li> : null}
        </ul>
      </aside>
    </div>
  );
}

function JobBlock({ job, label, helper, style }: { job: BoardJob; label: string; helper: boolean; style: React.CSSProperties }) {
  return (
    <div
      className={`absolute top-1.5 bottom-1.5 overflow-hidden rounded border border-slate-200 border-l-4 px-1.5 py-0.5 text-xs leading-tight ${PRIORITY_CLASS[job.priority]} ${helper ? "opacity-70" : ""}`}
      style={style}
      title={`${job.workOrder} · ${job.customerName} · ${job.description} · ${STATUS_LABEL[job.status]}`}
      data-testid="job-block"
    >
      <div className="truncate font-medium">
        {job.workOrder}
        {job.slaProtected ? <span className="ml-1 rounded bg-red-600 px-1 text-[10px] text-white">SLA</span> : null}
        {job.contract && !job.slaProtected ? <span className="ml-1 rounded bg-amber-500 px-1 text-[10px] text-white">Contract</span> : null}
      </div>
      <div className="truncate">{job.customerName}</div>
      <div className="truncate text-slate-500">
        {label} · {job.city ?? ""} {helper ? "· helper" : ""}
      </div>
    </div>
  );
}
