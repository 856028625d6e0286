/**
 * Audit row values for people: field labels, the order fields are shown in, and
 * values formatted in the company's time zone.
 */
import { PRIORITY_LABEL, STATUS_LABEL, formatDuration } from "@/lib/board-format";
import type { AuditNames, AuditRecord, DescribeOptions, FieldChange } from "@/lib/audit/types";
import { formatDate } from "@/lib/time/calendar-date";
import { formatHm, formatInZone } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
// ---------------------------------------------------------------------------
// Fields

type ValueKind =
  | "text"
  | "quoted"
  | "list"
  | "bool"
  | "instant"
  | "time"
  | "date"
  | "priority"
  | "status"
  | "duration"
  | "minutes"
  | "percent"
  | "weekday"
  | "number"
  | "technician"
  | "technicians"
  | "customer"
  | "job"
  | "person"
  | "placement";

interface FieldSpec {
  label: string;
  kind: ValueKind;
}

const FIELDS: Record<string, FieldSpec> = {
  name: { label: "name", kind: "text" },
  full_name: { label: "name", kind: "text" },
  email: { label: "email", kind: "text" },
  phone: { label: "phone", kind: "text" },
  address: { label: "address", kind: "text" },
  city: { label: "city", kind: "text" },
  home_address: { label: "home address", kind: "text" },
  work_order: { label: "work order", kind: "text" },
  description: { label: "description", kind: "quoted" },
  notes: { label: "notes", kind: "quoted" },
  reason: { label: "reason", kind: "quoted" },
  summary: { label: "summary", kind: "quoted" },
  priority: { label: "priority", kind: "priority" },
  status: { label: "status", kind: "status" },
  estimated_minutes: { label: "length", kind: "duration" },
  required_skills: { label: "skills needed", kind: "list" },
  skills: { label: "skills", kind: "list" },
  window_start: { label: "window start", kind: "instant" },
  window_end: { label: "window end", kind: "instant" },
  deadline: { label: "deadline", kind: "instant" },
  starts_at: { label: "start", kind: "instant" },
  ends_at: { label: "end", kind: "instant" },
  published_at: { label: "published", kind: "instant" },
  undone_at: { label: "undone", kind: "instant" },
  sla_protected: { label: "SLA protected", kind: "bool" },
  pinned: { label: "pinned", kind: "bool" },
  contract: { label: "service contract", kind: "bool" },
  active: { label: "active", kind: "bool" },
  auto_assigned: { label: "assigned automatically", kind: "bool" },
  notify_customer: { label: "customer notified", kind: "bool" },
  reschedule_notice_enabled: { label: "reschedule notices", kind: "bool" },
  auto_dispatch_enabled: { label: "automatic dispatch", kind: "bool" },
  reschedule_count: { label: "times rescheduled", kind: "number" },
  leader_id: { label: "crew leader", kind: "technician" },
  technician_id: { label: "technician", kind: "technician" },
  preferred_technician_id: { label: "preferred technician", kind: "technician" },
  customer_id: { label: "customer", kind: "customer" },
  job_id: { label: "job", kind: "job" },
  user_id: { label: "person", kind: "person" },
  role: { label: "role", kind: "text" },
  weekday: { label: "weekday", kind: "weekday" },
  time_zone: { label: "time zone", kind: "text" },
  slug: { label: "address name", kind: "text" },
  capacity_threshold: { label: "capacity threshold", kind: "percent" },
  travel_speed_kmh: { label: "travel speed (km/h)", kind: "number" },
  road_factor: { label: "road factor", kind: "number" },
  travel_buffer_min: { label: "travel buffer", kind: "minutes" },
  snap_minutes: { label: "snap to", kind: "minutes" },
  lat: { label: "latitude", kind: "number" },
  lng: { label: "longitude", kind: "number" },
  home_lat: { label: "home latitude", kind: "number" },
  home_lng: { label: "home longitude", kind: "number" },
  kind: { label: "kind of change", kind: "text" },
  day: { label: "day", kind: "date" },
  assignment_count: { label: "visits", kind: "number" },
  technician_notices: { label: "technician notices", kind: "number" },
  customer_notices: { label: "customer notices", kind: "number" },
};

/** The order details are listed in (jsonb keeps keys in its own order); others follow. */
const ORDER = [
  "name",
  "full_name",
  "work_order",
  "summary",
  "kind",
  "day",
  "job_id",
  "customer_id",
  "user_id",
  "role",
  "leader_id",
  "technician_id",
  "weekday",
  "starts_at",
  "ends_at",
  "before",
  "after",
  "notify_customer",
  "undone_at",
  "description",
  "priority",
  "status",
  "estimated_minutes",
  "required_skills",
  "skills",
  "window_start",
  "window_end",
  "deadline",
  "sla_protected",
  "pinned",
  "active",
  "published_at",
  "auto_assigned",
  "reason",
  "notes",
];
const rank = (field: string) => {
  const i = ORDER.indexOf(field);
  return i === -1 ? ORDER.length : i;
};

/** Bookkeeping columns nobody needs to read in the trail. */
const HIDDEN = new Set([
  "id",
  "org_id",
  "version",
  "created_at",
  "updated_at",
  "created_by",
  "published_snapshot",
  "undo_of",
  "actor_id",
  "published_by",
  "assignment_id",
]);

/** Per table, fields whose meaning differs from the default. */
const TABLE_FIELDS: Record<string, Record<string, FieldSpec>> = {
  technician_shifts: { starts_at: { label: "start", kind: "time" }, ends_at: { label: "end", kind: "time" } },
  technicians: { user_id: { label: "linked sign-in", kind: "person" } },
  board_changes: { before: { label: "placement before", kind: "placement" }, after: { label: "placement after", kind: "placement" } },
  assignment_helpers: { technician_id: { label: "helper", kind: "technician" } },
};

function specOf(table: string, field: string): FieldSpec {
  return TABLE_FIELDS[table]?.[field] ?? FIELDS[field] ?? { label: field.replace(/_/g, " "), kind: "text" };
}

// ---------------------------------------------------------------------------
// Values

export const asDate = (v: unknown): Date | null => {
  if (typeof v !== "string" && !(v instanceof Date)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * An instant as "Mon Nov 23 09:00" in the company's time zone.
 *
 * @example formatInstant("2026-11-23T15:00:00+00:00", "America/Chicago") // "Mon Nov 23 09:00"
 */
export function formatInstant(value: string | Date, timeZone: string): string {
  const d = asDate(value);
  if (!d) return String(value);
  return formatInZone(d, "EEE MMM d HH:mm", { timeZone });
}

/**
 * When an audit row was written, for the trail's "when" column.
 *
 * @example formatAuditTime("2026-11-23T15:14:00Z", "America/Chicago") // "Mon Nov 23 09:14"
 */
export function formatAuditTime(at: string, timeZone: string): string {
  return formatInstant(at, timeZone);
}

/** "Monday, November 23" for a calendar date (YYYY-MM-DD). */
export function formatLongDay(date: string): string {
  return formatDate(date, "EEEE, MMMM d");
}

export const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function truncate(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function technicianName(id: unknown, names: AuditNames): string {
  return typeof id === "string" ? (names.technicians[id] ?? "a removed technician") : "nobody";
}

function placementText(v: unknown, names: AuditNames, timeZone: string): string {
  if (v === null || typeof v !== "object") return "unassigned";
  const p = v as { leaderId?: string; helperIds?: string[]; start?: string; end?: string };
  const helpers = (p.helperIds ?? []).map((h) => technicianName(h, names));
  const crew = [technicianName(p.leaderId, names), ...helpers].join(" + ");
  const start = asDate(p.start);
  const end = asDate(p.end);
  if (!start || !end) return crew;
  return `${crew}, ${formatInstant(start, timeZone)}–${formatHm(end, timeZone)}`;
}

function formatValue(spec: FieldSpec, v: unknown, names: AuditNames, timeZone: string): string | null {
  if (spec.kind === "placement") return placementText(v, names, timeZone);
  if (v === null || v === undefined) return null;
  switch (spec.kind) {
    case "quoted":
      return `“${truncate(String(v))}”`;
    case "list":
      return Array.isArray(v) ? (v.length > 0 ? v.join(", ") : "none") : String(v);
    case "bool":
      return v === true ? "yes" : v === false ? "no" : String(v);
    case "instant":
      return formatInstant(v as string, timeZone);
    case "time":
      return String(v).slice(0, 5);
    case "date":
      return formatLongDay(String(v));
    case "priority":
      return PRIORITY_LABEL[Number(v) as keyof typeof PRIORITY_LABEL] ?? String(v);
    case "status":
      return STATUS_LABEL[v as keyof typeof STATUS_LABEL] ?? String(v);
    case "duration":
      return formatDuration(Number(v));
    case "minutes":
      return plural(Number(v), "minute");
    case "percent":
      return `${Math.round(Number(v) * 100)}%`;
    case "weekday":
      return WEEKDAY_NAMES[Number(v)] ?? String(v);
    case "technician":
      return technicianName(v, names);
    case "customer":
      return names.customers[String(v)] ?? "a removed customer";
    case "job":
      return names.jobs[String(v)] ?? "a removed job";
    case "person":
      return names.people[String(v)] ?? "a former member";
    case "number":
      return String(v);
    default:
      return typeof v === "object" ? JSON.stringify(v) : truncate(String(v));
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // timestamps can be spelled differently for the same instant
  const da = typeof a === "string" && /^\d{4}-\d{2}-\d{2}T/.test(a) ? asDate(a) : null;
  const db = typeof b === "string" && /^\d{4}-\d{2}-\d{2}T/.test(b) ? asDate(b) : null;
  if (da && db) return da.getTime() === db.getTime();
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields of a record worth showing, formatted, in column order. */
export function fieldChanges(record: AuditRecord, names: AuditNames, options: DescribeOptions): FieldChange[] {
  const { before, after, tableName } = record;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
    .filter((k) => !HIDDEN.has(k))
    .sort((x, y) => rank(x) - rank(y));
  const out: FieldChange[] = [];
  for (const field of keys) {
    const b = before?.[field];
    const a = after?.[field];
    if (record.action === "update" && sameValue(b, a)) continue;
    const spec = specOf(tableName, field);
    if (record.action !== "update" && spec.kind !== "placement" && (record.action === "insert" ? a : b) == null) continue;
    let beforeText = record.action === "insert" ? null : formatValue(spec, b, names, options.timeZone);
    let afterText = record.action === "delete" ? null : formatValue(spec, a, names, options.timeZone);
    // "Mon Nov 23 09:00 → 13:30": the day once when it did not change
    if (spec.kind === "instant" && beforeText && afterText) {
      const db = asDate(b);
      const da = asDate(a);
      if (db && da && wallClock(db, options.timeZone).date === wallClock(da, options.timeZone).date) {
        afterText = formatHm(da, options.timeZone);
      }
    }
    if (record.action === "update") {
      beforeText ??= "none";
      afterText ??= "none";
    }
    out.push({ field, label: spec.label, before: beforeText, after: afterText });
  }
  return out;
}

/** A non-blank string, or null. */
export const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
