/**
 * The audit trail in words: who did what, from the rows the database's audit trigger
 * wrote (table, before, after, context). Pure: names of people, technicians, jobs and
 * customers come in as lookups made in bulk by the caller (see {@link referencesOf}).
 */
import { PRIORITY_LABEL, STATUS_LABEL, formatDuration } from "@/lib/board-format";
import { formatDate } from "@/lib/time/calendar-date";
import { formatHm, formatInZone } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";

export type AuditAction = "insert" | "update" | "delete";

type Json = Record<string, unknown>;

/** One audit_log row, as lib/db/audit.ts maps it. */
export interface AuditRecord {
  id: string;
  /** ISO instant */
  at: string;
  actorId: string | null;
  action: AuditAction;
  tableName: string;
  rowId: string | null;
  before: Json | null;
  after: Json | null;
  context: Json | null;
}

/** Display names by id, looked up once per page. */
export interface AuditNames {
  /** sign-in id → full name (profiles) */
  people: Record<string, string>;
  /** technician id → name */
  technicians: Record<string, string>;
  /** job id → work order */
  jobs: Record<string, string>;
  /** customer id → name */
  customers: Record<string, string>;
  /** assignment id → work order of its job */
  assignments: Record<string, string>;
}

/** The ids a page of records mentions, by what they name. */
export type AuditReferences = { [K in keyof AuditNames]: string[] };

export interface DescribeOptions {
  /** The company's IANA time zone: every time is shown in it. */
  timeZone: string;
}

/** One field's value before and after, formatted for people. */
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface AuditDescription {
  /** "Dana Novak", "The system", "A former member" */
  actor: string;
  /** The whole change in one sentence, starting with who. */
  sentence: string;
  /** What the application said about the change: "(undo)", "customer not notified". */
  notes: string[];
  /** Field by field: the changed fields of an update, the values of an insert or delete. */
  fields: FieldChange[];
}

export const EMPTY_NAMES: AuditNames = { people: {}, technicians: {}, jobs: {}, customers: {}, assignments: {} };

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

const asDate = (v: unknown): Date | null => {
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

const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function truncate(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function technicianName(id: unknown, names: AuditNames): string {
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

// ---------------------------------------------------------------------------
// Context

const SOURCES: Record<string, string> = {
  import: "via CSV import",
  csv: "via CSV import",
  api: "via the API",
  engine: "by the scheduling engine",
  auto_dispatch: "by automatic dispatch",
  portal: "via the customer portal",
};

/**
 * What the application recorded about a change, in words.
 *
 * @example describeContext({ undo: true, notify_customer: false }) // ["(undo)", "customer not notified"]
 */
export function describeContext(context: Json | null | undefined): string[] {
  if (!context) return [];
  const notes: string[] = [];
  for (const [key, value] of Object.entries(context)) {
    if (value === null || value === undefined) continue;
    switch (key) {
      case "undo":
        if (value === true) notes.push("(undo)");
        break;
      case "correction":
        // a visit status a dispatcher set out of the crew's order
        if (value === true) notes.push("dispatcher's correction");
        break;
      case "notify_customer":
        notes.push(value ? "customer notified" : "customer not notified");
        break;
      case "reason":
        notes.push(`reason: “${truncate(String(value))}”`);
        break;
      case "override_reason":
        notes.push(`SLA override: “${truncate(String(value))}”`);
        break;
      // the change in words is the sentence of its main row; the rest is bookkeeping
      case "summary":
      case "kind":
      case "publication_id":
        break;
      case "source":
      case "via":
        notes.push(SOURCES[String(value)] ?? `via ${String(value).replace(/_/g, " ")}`);
        break;
      default:
        notes.push(`${key.replace(/_/g, " ")}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
    }
  }
  return notes;
}

// ---------------------------------------------------------------------------
// Sentences

interface Subject {
  record: AuditRecord;
  row: Json;
  actor: string;
  names: AuditNames;
  options: DescribeOptions;
  changes: FieldChange[];
}

/** "priority Normal → High; length 1 h → 2 h and 2 more" */
function changeList(changes: FieldChange[], max = 3): string {
  const shown = changes.slice(0, max).map((c) => `${c.label} ${c.before} → ${c.after}`);
  const rest = changes.length - shown.length;
  return shown.join("; ") + (rest > 0 ? ` and ${rest} more` : "");
}

function generic(s: Subject, noun: string, label: string | null, verbs: { insert: string; delete: string }): string {
  const what = label ? `${noun} ${label}` : noun;
  if (s.record.action === "insert") return `${s.actor} ${verbs.insert} ${what}`;
  if (s.record.action === "delete") return `${s.actor} ${verbs.delete} ${what}`;
  return s.changes.length > 0 ? `${s.actor} changed ${what}: ${changeList(s.changes)}` : `${s.actor} changed ${what}`;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

const ADDED = { insert: "added", delete: "removed" };
const CREATED = { insert: "created", delete: "deleted" };

function jobOf(s: Subject): string {
  const id = text(s.row.job_id);
  return (id && s.names.jobs[id]) ?? "a removed job";
}

const SENTENCES: Record<string, (s: Subject) => string> = {
  jobs: (s) => generic(s, "job", text(s.row.work_order), CREATED),
  technicians: (s) => generic(s, "technician", text(s.row.name), ADDED),
  customers: (s) => generic(s, "customer", text(s.row.name), ADDED),

  companies: (s) => {
    if (s.record.action === "insert") return `${s.actor} created the company ${text(s.row.name) ?? ""}`.trimEnd();
    if (s.record.action === "delete") return `${s.actor} deleted the company ${text(s.row.name) ?? ""}`.trimEnd();
    return s.changes.length > 0 ? `${s.actor} changed the company settings: ${changeList(s.changes)}` : `${s.actor} changed the company settings`;
  },

  memberships: (s) => {
    const person = s.names.people[String(s.row.user_id)] ?? "a former member";
    if (s.record.action === "insert") return `${s.actor} added ${person} as ${s.row.role}`;
    if (s.record.action === "delete") return `${s.actor} removed ${person} from the company`;
    return `${s.actor} changed ${person}'s role: ${s.record.before?.role} → ${s.record.after?.role}`;
  },

  technician_shifts: (s) => {
    const who = technicianName(s.row.technician_id, s.names);
    const day = WEEKDAY_NAMES[Number(s.row.weekday)] ?? "weekly";
    const hours = `${String(s.row.starts_at).slice(0, 5)}–${String(s.row.ends_at).slice(0, 5)}`;
    if (s.record.action === "insert") return `${s.actor} added a ${day} shift for ${who} (${hours})`;
    if (s.record.action === "delete") return `${s.actor} removed ${who}'s ${day} shift (${hours})`;
    return `${s.actor} changed ${who}'s ${day} shift: ${changeList(s.changes)}`;
  },

  time_off: (s) => {
    const who = technicianName(s.row.technician_id, s.names);
    const start = asDate(s.row.starts_at);
    const end = asDate(s.row.ends_at);
    const tz = s.options.timeZone;
    const span =
      start && end
        ? wallClock(start, tz).date === wallClock(end, tz).date
          ? `${formatInstant(start, tz)}–${formatHm(end, tz)}`
          : `${formatInstant(start, tz)} – ${formatInstant(end, tz)}`
        : "";
    const reason = text(s.row.reason) ? ` (${s.row.reason})` : "";
    if (s.record.action === "insert") return `${s.actor} added time off for ${who}: ${span}${reason}`;
    if (s.record.action === "delete") return `${s.actor} removed time off for ${who}: ${span}${reason}`;
    return `${s.actor} changed time off for ${who}: ${changeList(s.changes)}`;
  },

  assignments: (s) => {
    const wo = jobOf(s);
    const tz = s.options.timeZone;
    const start = asDate(s.row.starts_at);
    const end = asDate(s.row.ends_at);
    const when = start && end ? `${formatInstant(start, tz)}–${formatHm(end, tz)}` : "";
    const leader = technicianName(s.row.leader_id, s.names);
    if (s.record.action === "insert") return `${s.actor} scheduled ${wo} for ${leader}, ${when}`;
    if (s.record.action === "delete") return `${s.actor} deleted the visit for ${wo} (${leader}, ${when})`;
    const fields = s.changes.map((c) => c.field);
    if (fields.length === 1 && fields[0] === "active" && s.record.after?.active === false) {
      return `${s.actor} took ${wo} off the board (was ${leader}, ${when})`;
    }
    if (fields.length === 1 && fields[0] === "published_at" && s.record.after?.published_at) {
      return `${s.actor} published the visit for ${wo} (${leader}, ${when})`;
    }
    return s.changes.length > 0 ? `${s.actor} changed the visit for ${wo}: ${changeList(s.changes)}` : `${s.actor} changed the visit for ${wo}`;
  },

  assignment_helpers: (s) => {
    const who = technicianName(s.row.technician_id, s.names);
    const wo = s.names.assignments[String(s.row.assignment_id)] ?? "a removed visit";
    if (s.record.action === "insert") return `${s.actor} added ${who} as a helper on ${wo}`;
    if (s.record.action === "delete") return `${s.actor} removed ${who} as a helper on ${wo}`;
    return `${s.actor} changed the helpers on ${wo}: ${changeList(s.changes)}`;
  },

  board_changes: (s) => {
    const summary = text(s.row.summary) ?? `${s.actor} changed ${jobOf(s)}`;
    if (s.record.action === "update" && !s.record.before?.undone_at && s.record.after?.undone_at) {
      return `${s.actor} undid “${summary}”`;
    }
    if (s.record.action === "insert") return summary;
    return `${s.actor} changed the record of “${summary}”: ${changeList(s.changes)}`;
  },

  day_optimisations: (s) => {
    const summary = text(s.row.summary) ?? `${s.actor} optimised ${formatLongDay(String(s.row.day))}`;
    if (s.record.action === "update" && !s.record.before?.undone_at && s.record.after?.undone_at) {
      return `${s.actor} undid “${summary}”`;
    }
    return summary;
  },

  publications: (s) => {
    const counts = [
      plural(Number(s.row.assignment_count ?? 0), "visit"),
      plural(Number(s.row.technician_notices ?? 0), "technician notice"),
      plural(Number(s.row.customer_notices ?? 0), "customer notice"),
    ].join(", ");
    return `${s.actor} published ${formatLongDay(String(s.row.day))} (${counts})`;
  },
};

/**
 * Who did it, as people know them.
 *
 * @example actorName({ actorId: null }, EMPTY_NAMES) // "The system"
 */
export function actorName(record: Pick<AuditRecord, "actorId">, names: AuditNames): string {
  if (!record.actorId) return "The system";
  return names.people[record.actorId] ?? "A former member";
}

/**
 * One audit row in words.
 *
 * @example
 * describeAuditEntry(
 *   { action: "update", tableName: "jobs", before: { work_order: "WO-1042", priority: 3 }, after: { work_order: "WO-1042", priority: 2 }, actorId: "u1", … },
 *   { ...EMPTY_NAMES, people: { u1: "Dana Novak" } },
 *   { timeZone: "America/Chicago" },
 * ).sentence // "Dana Novak changed job WO-1042: priority Normal → High"
 */
export function describeAuditEntry(record: AuditRecord, names: AuditNames, options: DescribeOptions): AuditDescription {
  const actor = actorName(record, names);
  const row = (record.action === "delete" ? record.before : record.after) ?? record.before ?? {};
  const fields = fieldChanges(record, names, options);
  const subject: Subject = { record, row, actor, names, options, changes: fields };
  const told = record.context && typeof record.context.summary === "string" ? record.context.summary : null;
  const sentence =
    (record.tableName === "urgent_requests" && told ? told : null) ??
    SENTENCES[record.tableName]?.(subject) ??
    generic(subject, `a ${record.tableName.replace(/_/g, " ")} row`, null, { insert: "added", delete: "deleted" });

  const notes = describeContext(record.context);
  // a board change keeps the dispatcher's notify choice on the row itself
  if (record.tableName === "board_changes" && record.action === "insert" && typeof row.notify_customer === "boolean") {
    notes.push(row.notify_customer ? "customer notified" : "customer not notified");
  }
  return { actor, sentence, notes: [...new Set(notes)], fields };
}

// ---------------------------------------------------------------------------
// References

const TECHNICIAN_FIELDS = ["technician_id", "leader_id", "preferred_technician_id"];

/**
 * Every id a page of records mentions, so the caller can look names up in a few
 * queries rather than one per row.
 */
export function referencesOf(records: AuditRecord[]): AuditReferences {
  const sets: { [K in keyof AuditNames]: Set<string> } = {
    people: new Set(),
    technicians: new Set(),
    jobs: new Set(),
    customers: new Set(),
    assignments: new Set(),
  };
  const add = (set: Set<string>, v: unknown) => {
    if (typeof v === "string" && v) set.add(v);
  };
  for (const r of records) {
    add(sets.people, r.actorId);
    for (const row of [r.before, r.after]) {
      if (!row) continue;
      for (const f of TECHNICIAN_FIELDS) add(sets.technicians, row[f]);
      add(sets.jobs, row.job_id);
      add(sets.customers, row.customer_id);
      add(sets.assignments, row.assignment_id);
      if (r.tableName === "memberships" || r.tableName === "technicians") add(sets.people, row.user_id);
      if (r.tableName === "board_changes") {
        for (const p of [row.before, row.after] as { leaderId?: string; helperIds?: string[] }[]) {
          if (!p || typeof p !== "object") continue;
          add(sets.technicians, p.leaderId);
          for (const h of p.helperIds ?? []) add(sets.technicians, h);
        }
      }
    }
  }
  return {
    people: [...sets.people],
    technicians: [...sets.technicians],
    jobs: [...sets.jobs],
    customers: [...sets.customers],
    assignments: [...sets.assignments],
  };
}

/**
 * Fills names the look-ups could not find (a deleted technician, job or customer)
 * from the records themselves, which keep the row as it was.
 */
export function withNamesFromRecords(names: AuditNames, records: AuditRecord[]): AuditNames {
  const out: AuditNames = {
    people: { ...names.people },
    technicians: { ...names.technicians },
    jobs: { ...names.jobs },
    customers: { ...names.customers },
    assignments: { ...names.assignments },
  };
  const own: Record<string, [keyof AuditNames, string]> = {
    technicians: ["technicians", "name"],
    jobs: ["jobs", "work_order"],
    customers: ["customers", "name"],
  };
  for (const r of records) {
    const target = own[r.tableName];
    if (!target || !r.rowId) continue;
    const [kind, field] = target;
    const value = text(r.after?.[field]) ?? text(r.before?.[field]);
    if (value && !out[kind][r.rowId]) out[kind][r.rowId] = value;
  }
  return out;
}
