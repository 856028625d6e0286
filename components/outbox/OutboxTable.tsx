import Link from "next/link";
import type { NotificationChannel, NotificationStatus, OutboxNotice } from "@/lib/db/notifications";
import { formatHm, formatInZone } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
import type { OutboxQuery } from "@/lib/schemas/outbox";
import { ResendNoticeButton } from "@/components/outbox/ResendNoticeButton";
import { describeDelivery, headline, kindLabel, type DeliveryContext, type DeliveryTone } from "@/components/outbox/delivery-status";

const TONE_CLASS: Record<DeliveryTone, string> = {
  sent: "text-emerald-700",
  waiting: "text-slate-600",
  failed: "text-red-700",
  stopped: "text-amber-700",
};

const STATUS_FILTERS: { value?: NotificationStatus; label: string }[] = [
  { label: "All" },
  { value: "pending", label: "Pending" },
  { value: "sending", label: "Sending" },
  { value: "sent", label: "Sent" },
  { value: "failed", label: "Failed" },
  { value: "held", label: "Held" },
  { value: "unknown", label: "Unknown" },
];
const CHANNEL_FILTERS: { value?: NotificationChannel; label: string }[] = [
  { label: "All" },
  { value: "email", label: "Email" },
  { value: "sms", label: "SMS" },
  { value: "push", label: "Push" },
];
const CHANNEL_LABEL: Record<NotificationChannel, string> = { email: "Email", sms: "SMS", push: "Push" };
const RECIPIENT_KIND = { technician: "Technician", customer: "Customer", user: "Staff" } as const;

function href(query: Omit<OutboxQuery, "before"> & { before?: string }): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.channel) params.set("channel", query.channel);
  if (query.before) params.set("before", query.before);
  const s = params.toString();
  return s ? `/outbox?${s}` : "/outbox";
}

function queuedAt(iso: string, ctx: DeliveryContext): string {
  const at = new Date(iso);
  const clock = formatHm(at, ctx.timeZone);
  if (wallClock(at, ctx.timeZone).date === wallClock(ctx.now, ctx.timeZone).date) return clock;
  return `${formatInZone(at, "MMM d", { timeZone: ctx.timeZone })}, ${clock}`;
}

export interface OutboxTableProps {
  notices: OutboxNotice[];
  query: OutboxQuery;
  /** Id to pass as `before` for the next (older) page. */
  next: string | null;
  /** Notices per status across the company (all channels), for the filter chips. */
  counts: Partial<Record<NotificationStatus, number>>;
  context: DeliveryContext;
}

/** The company's outbox: a dense table of notices, newest first, with status and channel filters. */
export function OutboxTable({ notices, query, next, counts, context }: OutboxTableProps) {
  const filters = { status: query.status, channel: query.channel };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <FilterGroup label="Status">
          {STATUS_FILTERS.map((f) => (
            <Chip key={f.label} active={query.status === f.value} href={href({ ...filters, status: f.value })}>
              {f.label}
              {f.value && counts[f.value] ? <span className="ml-1 text-slate-500">{counts[f.value]}</span> : null}
            </Chip>
          ))}
        </FilterGroup>
        <FilterGroup label="Channel">
          {CHANNEL_FILTERS.map((f) => (
            <Chip key={f.label} active={query.channel === f.value} href={href({ ...filters, channel: f.value })}>
              {f.label}
            </Chip>
          ))}
        </FilterGroup>
      </div>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-xs" data-testid="outbox-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Queued</th>
              <th scope="col" className="px-3 py-2 font-medium">Channel</th>
              <th scope="col" className="px-3 py-2 font-medium">Recipient</th>
              <th scope="col" className="px-3 py-2 font-medium">Kind</th>
              <th scope="col" className="px-3 py-2 font-medium">Subject / first line</th>
              <th scope="col" className="px-3 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {notices.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  {query.status || query.channel ? "No notices match these filters." : "No notices yet. Publishing a day queues them here."}
                </td>
              </tr>
            ) : (
              notices.map((n) => {
                const status = describeDelivery(n, context);
                const line = headline(n);
                return (
                  <tr key={n.id} data-testid="outbox-row" data-status={n.status} className="align-top hover:bg-slate-50">
                    <td className="whitespace-nowrap px-3 py-1.5 tabular-nums text-slate-600">
                      <time dateTime={n.createdAt}>{queuedAt(n.createdAt, context)}</time>
                    </td>
                    <td className="whitespace-nowrap px-3 py-1.5">{CHANNEL_LABEL[n.channel]}</td>
                    <td className="px-3 py-1.5">
                      <div className="max-w-56 truncate font-medium" title={n.recipient}>
                        {n.recipient}
                      </div>
                      <div className="text-slate-500">{RECIPIENT_KIND[n.recipientKind]}</div>
                    </td>
                    <td className="whitespace-nowrap px-3 py-1.5">
                      <div>{kindLabel(n.kind)}</div>
                      {n.workOrder ? <div className="text-slate-500">{n.workOrder}</div> : null}
                    </td>
                    <td className="px-3 py-1.5">
                      <div className="max-w-md truncate" title={n.body}>
                        {line}
                      </div>
                    </td>
                    <td className={`px-3 py-1.5 ${TONE_CLASS[status.tone]}`} title={status.title} data-testid="delivery-status">
                      {status.label}
                      {n.status === "unknown" ? <ResendNoticeButton notificationId={n.id} recipient={n.recipient} /> : null}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>

      {query.before || next ? (
        <nav aria-label="Pages" className="flex gap-2">
          {query.before ? (
            <Link className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100" href={href(filters)}>
              ← Newest
            </Link>
          ) : null}
          {next ? (
            <Link className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100" href={href({ ...filters, before: next })}>
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function FilterGroup({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="group" aria-label={label} className="flex items-center gap-1">
      <span className="mr-1 text-xs text-slate-500">{label}</span>
      {children}
    </div>
  );
}

function Chip({ active, href: to, children }: { active: boolean; href: string; children: React.ReactNode }) {
  return (
    <Link
      href={to}
      aria-current={active ? "page" : undefined}
      className={`rounded-full border px-2.5 py-0.5 text-xs ${
        active ? "border-brand-500 bg-brand-50 font-medium text-brand-700" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"
      }`}
    >
      {children}
    </Link>
  );
}
