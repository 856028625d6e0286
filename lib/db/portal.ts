/**
 * The customer portal: finding a company's public request page, turning a request
 * into a job through lights-out dispatch, and the tracking link's view and the
 * customer's cancel / another-time requests. Writes run in withUser as the
 * company's portal principal ("A customer via the portal").
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db, Queryable } from "@/lib/db/client";
import { withService, type SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { createJob, type DispatchDecision } from "@/lib/db/dispatch";
import { cancelJob } from "@/lib/db/api-resources";
import { queueCustomerNotice } from "@/lib/db/customer-notices";
import { JOB_SELECT, mapJob } from "@/lib/db/board";
import { composePortalConfirmation } from "@/lib/notify/portal-messages";
import { PORTAL_WINDOWS, queueCancellationNotices, type PortalWindow } from "@/lib/db/portal-answers";
import { addDays, formatDate } from "@/lib/time/calendar-date";
import { wallClock, zonedToUtc } from "@/lib/time/zoned-time";

export interface PortalCompany {
  orgId: string;
  name: string;
  timeZone: string;
  /** Who portal requests act as. */
  principal: SessionUser;
}

export interface OfferedService {
  id: string;
  name: string;
  defaultMinutes: number;
}

/**
 * The company with this slug if its portal is on, with its portal principal (made
 * on first use). Service role: nobody is known yet. Null for an unknown slug and a
 * portal that is off alike, so the answer says nothing about which companies exist.
 */
export async function findPortalCompany(db: Db, slug: string): Promise<PortalCompany | null> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) return null;
  return withService(db, async (tx) => {
    const [c] = await tx.query<{ id: string; name: string; time_zone: string }>(
      "select id, name, time_zone from public.companies where slug = $1 and portal_enabled",
      [slug],
    );
    if (!c) return null;
    // made on first use: its own statement, so the next one sees the new account
    const [{ id: principalId }] = await tx.query<{ id: string }>("select private.ensure_portal_principal($1) as id", [c.id]);
    const [p] = await tx.query<{ id: string; email: string }>("select id, email from auth.users where id = $1", [principalId]);
    return {
      orgId: c.id,
      name: c.name,
      timeZone: c.time_zone,
      principal: { userId: p.id, email: p.email, name: "A customer via the portal", orgId: c.id, role: "dispatcher" },
    };
  });
}

/** The kinds of service the company offers to customers on its portal. */
export async function listOfferedServices(tx: Queryable, orgId: string): Promise<OfferedService[]> {
  const rows = await tx.query<{ id: string; name: string; default_minutes: number }>(
    "select id, name, default_minutes from public.job_templates where org_id = $1 and active and offered_to_customers order by name",
    [orgId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, defaultMinutes: Number(r.default_minutes) }));
}

export interface PortalRequestInput {
  name: string;
  phone: string | null;
  email: string | null;
  address: string;
  city: string | null;
  templateId: string;
  problem: string;
  preferredDate: string | null;
  preferredWindow: "any" | "morning" | "afternoon";
  location: { lat: number; lng: number; approximate: boolean; label: string };
}

export interface PortalRequestResult {
  token: string;
  workOrder: string;
  decision: DispatchDecision;
  /** The arrival window when the job was placed; null when a person will schedule it. */
  window: { start: string; end: string } | null;
}

export const hashTrackingToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** How many days, from the customer's preferred day (or today), a request may be booked into. */
export const PORTAL_SEARCH_DAYS = 14;

const WINDOWS = PORTAL_WINDOWS;

/**
 * A customer's request becomes a job: a new customer record (never matched to an
 * existing one, so nobody learns who else is a customer), the job from the chosen
 * template through lights-out dispatch, the tracking link, and the confirmation
 * queued to the customer through the outbox. All in the caller's transaction.
 */
export async function createPortalRequest(
  tx: Queryable,
  company: PortalCompany,
  input: PortalRequestInput,
  trackingUrlFor: (token: string) => string,
  now: Date,
): Promise<PortalRequestResult> {
  const actor = company.principal;
  const offered = await listOfferedServices(tx, company.orgId);
  const service = offered.find((s) => s.id === input.templateId);
  if (!service) throw new ActionFailure("validation", "Choose one of the services listed.", { templateId: ["Choose one of the services listed."] });
  const today = wallClock(now, company.timeZone).date;
  const date = input.preferredDate && input.preferredDate > today ? input.preferredDate : today;
  if (date > addDays(today, 60)) throw new ActionFailure("validation", "Choose a day within the next two months.", { preferredDate: ["Choose a day within the next two months."] });
  const window =
    input.preferredWindow === "any"
      ? null
      : { start: zonedToUtc(date, WINDOWS[input.preferredWindow][0], company.timeZone).toISOString(), end: zonedToUtc(date, WINDOWS[input.preferredWindow][1], company.timeZone).toISOString() };

  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ via: "portal", kind: "portal_request", summary: `A customer via the portal asked for ${service.name}: ${input.problem.slice(0, 200)}` }),
  ]);
  const [customer] = await tx.query<{ id: string }>(
    "insert into public.customers (org_id, name, email, phone, address, city, lat, lng) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    [company.orgId, input.name, input.email, input.phone, input.address, input.city, input.location.lat, input.location.lng],
  );
  const preference = [input.preferredDate ? `preferred day ${input.preferredDate}` : null, input.preferredWindow !== "any" ? `${input.preferredWindow}` : null].filter(Boolean).join(", ");
  const created = await createJob(
    tx,
    actor,
    {
      customerId: customer.id,
      templateId: service.id,
      description: input.problem,
      address: input.address,
      city: input.city,
      lat: input.location.lat,
      lng: input.location.lng,
      locationApproximate: input.location.approximate,
      windowStart: window?.start ?? null,
      windowEnd: window?.end ?? null,
      notes: [`Requested through the customer portal${preference ? ` (${preference})` : ""}.`, input.location.approximate ? `Location approximate: ${input.location.label}.` : null]
        .filter(Boolean)
        .join(" "),
      source: "portal",
      date,
      // a customer waits for the first day with room rather than for a phone call
      laterDays: PORTAL_SEARCH_DAYS - 1,
    },
    now,
  );
  const token = randomBytes(32).toString("base64url");
  const [visit] = await tx.query<{ starts_at: Date; ends_at: Date }>("select starts_at, ends_at from public.assignments where job_id = $1 and active", [created.job.id]);
  const expires = new Date(Math.max(visit ? new Date(visit.ends_at).getTime() : 0, zonedToUtc(addDays(date, 1), "23:59", company.timeZone).getTime()) + 24 * 3_600_000);
  await tx.query(
    `insert into public.portal_requests (org_id, job_id, customer_id, token_hash, preferred_date, preferred_window, location_label, location_approximate, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [company.orgId, created.job.id, customer.id, hashTrackingToken(token), input.preferredDate, input.preferredWindow, input.location.label, input.location.approximate, expires.toISOString()],
  );
  const promised = visit ? { start: new Date(visit.starts_at).toISOString(), end: new Date(visit.ends_at).toISOString() } : null;
  const [job] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [created.job.id]);
  await queueCustomerNotice(tx, {
    orgId: company.orgId,
    createdBy: actor.userId,
    job: mapJob(job),
    notice: composePortalConfirmation({ companyName: company.name, timeZone: company.timeZone, customerName: input.name, workOrder: created.job.workOrder, window: promised, trackingUrl: trackingUrlFor(token) }),
    kind: "portal_confirmation",
    prefer: "email",
    dedupeKey: `portal-confirmation:${created.job.id}`,
  });
  return { token, workOrder: created.job.workOrder, decision: created.decision, window: promised };
}

// ---------------------------------------------------------------------------
// Tracking

export interface TrackedRequest {
  requestId: string;
  /** The job the request became: the only job whose changes the tracking page follows. */
  jobId: string;
  company: PortalCompany;
}

/**
 * The request behind a tracking token, while the link is valid. Service role, like
 * an API key lookup: only the holder of the token gets this far, and an unknown and
 * an expired token look the same.
 */
export async function findTrackedRequest(db: Db, token: string, now: Date): Promise<TrackedRequest | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await withService(db, async (tx) => {
    const [r] = await tx.query<{ id: string; job_id: string; org_id: string; name: string; time_zone: string; principal: string | null; email: string | null }>(
      `select r.id, r.job_id, r.org_id, c.name, c.time_zone, c.portal_principal_id as principal, u.email
         from public.portal_requests r
         join public.companies c on c.id = r.org_id
         left join auth.users u on u.id = c.portal_principal_id
        where r.token_hash = $1 and r.expires_at > $2`,
      [hashTrackingToken(token), now.toISOString()],
    );
    return r ?? null;
  });
  if (!row || !row.principal || !row.email) return null;
  return {
    requestId: row.id,
    jobId: row.job_id,
    company: {
      orgId: row.org_id,
      name: row.name,
      timeZone: row.time_zone,
      principal: { userId: row.principal, email: row.email, name: "A customer via the portal", orgId: row.org_id, role: "dispatcher" },
    },
  };
}

export type TrackingStage = "requested" | "scheduled" | "on_the_way" | "on_site" | "done" | "cancelled";

export interface TrackingView {
  companyName: string;
  timeZone: string;
  workOrder: string;
  service: string;
  stage: TrackingStage;
  /** The visit's window (ISO) when it is scheduled. */
  window: { start: string; end: string } | null;
  technicianFirstName: string | null;
  /** "On the way, about hh:mm": the expected arrival when known. */
  expectedArrival: string | null;
  arrivedAt: string | null;
  finishedAt: string | null;
  customerAction: "cancelled" | "reschedule_requested" | null;
  /** The day and time of day the customer asked for with "another time". */
  requested: { date: string; window: PortalWindow } | null;
  /** The office's answer to it: moved, or declined with their words. */
  answer: { kind: "moved" | "declined"; message: string | null } | null;
  /** Whether the customer can still cancel or ask for another time. */
  canChange: boolean;
  /** Changes whenever anything shown changes (for the live page). */
  version: string;
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/** What the customer sees: nothing but their own visit, the technician's first name only. */
export async function loadTracking(tx: Queryable, tracked: TrackedRequest): Promise<TrackingView | null> {
  const [r] = await tx.query<Record<string, unknown>>(
    `select j.work_order, j.status, j.version, j.description, j.updated_at, t.name as template_name,
            r.customer_action, r.customer_action_at, r.requested_date::text as requested_date, r.requested_window, r.answer, r.answer_message,
            a.starts_at, a.ends_at, lt.name as leader_name,
            j.visit_status, j.estimated_arrival_at, j.arrived_at, j.finished_at
       from public.portal_requests r
       join public.jobs j on j.id = r.job_id
       left join public.job_templates t on t.id = j.template_id
       left join public.assignments a on a.job_id = j.id and a.active
       left join public.technicians lt on lt.id = a.leader_id
      where r.id = $1 and r.org_id = $2`,
    [tracked.requestId, tracked.company.orgId],
  );
  if (!r) return null;
  // the crew's own reports (on my way / arrived / done)
  const visitStatus = (r.visit_status as string | null) ?? null;
  const status = r.status as string;
  const stage: TrackingStage =
    status === "cancelled"
      ? "cancelled"
      : status === "done" || visitStatus === "done"
        ? "done"
        : visitStatus === "arrived" || status === "in_progress"
          ? "on_site"
          : visitStatus === "on_my_way"
            ? "on_the_way"
            : r.starts_at
              ? "scheduled"
              : "requested";
  const window = r.starts_at ? { start: iso(r.starts_at)!, end: iso(r.ends_at)! } : null;
  const view: TrackingView = {
    companyName: tracked.company.name,
    timeZone: tracked.company.timeZone,
    workOrder: r.work_order as string,
    service: (r.template_name as string | null) ?? (r.description as string),
    stage,
    window,
    technicianFirstName: r.leader_name ? String(r.leader_name).split(/\s+/)[0] : null,
    expectedArrival: stage === "on_the_way" ? (iso(r.estimated_arrival_at) ?? window?.start ?? null) : null,
    arrivedAt: iso(r.arrived_at),
    finishedAt: iso(r.finished_at),
    customerAction: (r.customer_action as TrackingView["customerAction"]) ?? null,
    requested: r.requested_date ? { date: String(r.requested_date).slice(0, 10), window: ((r.requested_window as PortalWindow | null) ?? "any") } : null,
    answer: r.answer ? { kind: r.answer as "moved" | "declined", message: (r.answer_message as string | null) ?? null } : null,
    canChange: stage === "requested" || stage === "scheduled",
    version: "",
  };
  // only what the customer sees: an office-side edit (a note, a priority) is no news to them
  view.version = createHash("sha256").update(JSON.stringify(view)).digest("hex").slice(0, 16);
  return view;
}

/**
 * The customer cancels: the visit leaves the board through the checked path (the
 * board updates live), in the audit trail as theirs; the customer's confirmation and
 * the office's notice go out through the outbox, once.
 */
export async function cancelFromPortal(tx: Queryable, tracked: TrackedRequest, now: Date): Promise<void> {
  const [r] = await tx.query<{ job_id: string }>("select job_id from public.portal_requests where id = $1 and org_id = $2 for update", [tracked.requestId, tracked.company.orgId]);
  if (!r) throw new ActionFailure("not_found", "This tracking link is no longer valid.");
  const [visit] = await tx.query<{ starts_at: Date; ends_at: Date }>("select starts_at, ends_at from public.assignments where job_id = $1 and active", [r.job_id]);
  await cancelJob(tx, tracked.company.principal, r.job_id, "the customer cancelled through the tracking link", now);
  await tx.query("update public.portal_requests set customer_action = 'cancelled', customer_action_at = now() where id = $1", [tracked.requestId]);
  await queueCancellationNotices(tx, {
    orgId: tracked.company.orgId,
    principalId: tracked.company.principal.userId,
    requestId: tracked.requestId,
    jobId: r.job_id,
    companyName: tracked.company.name,
    timeZone: tracked.company.timeZone,
    window: visit ? { start: new Date(visit.starts_at).toISOString(), end: new Date(visit.ends_at).toISOString() } : null,
  });
}

/**
 * The customer asks for another time, with their words and the day and time of day
 * they would like: the job goes to the dispatcher's review queue with both (the
 * board shows it live), and the request records it. The current visit stays until
 * a dispatcher moves it or declines.
 */
export async function requestAnotherTime(
  tx: Queryable,
  tracked: TrackedRequest,
  request: { message: string; date: string; window: PortalWindow },
  now: Date,
): Promise<void> {
  const [r] = await tx.query<{ job_id: string }>("select job_id from public.portal_requests where id = $1 and org_id = $2 for update", [tracked.requestId, tracked.company.orgId]);
  if (!r) throw new ActionFailure("not_found", "This tracking link is no longer valid.");
  const today = wallClock(now, tracked.company.timeZone).date;
  if (request.date < today || request.date > addDays(today, 60)) {
    const words = "Choose a day from today to two months ahead.";
    throw new ActionFailure("validation", words, { requestedDate: [words] });
  }
  const [job] = await tx.query<{ status: string; work_order: string }>("select status, work_order from public.jobs where id = $1", [r.job_id]);
  if (job.status !== "unscheduled" && job.status !== "scheduled" && job.status !== "published") {
    throw new ActionFailure("refused", "This visit can no longer be moved from here. Please call us.");
  }
  const when = `${formatDate(request.date, "EEE MMM d")}${request.window === "any" ? ", any time" : `, ${request.window}`}`;
  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ via: "portal", kind: "portal_reschedule_request", summary: `A customer via the portal asked for another time for ${job.work_order} (${when}): ${request.message}` }),
  ]);
  await tx.query("update public.jobs set dispatch_state = 'review', dispatch_reason = $2 where id = $1", [
    r.job_id,
    `The customer asked for another time (${when}): “${request.message}”`,
  ]);
  await tx.query(
    `update public.portal_requests set customer_action = 'reschedule_requested', customer_message = $2, customer_action_at = now(),
            requested_date = $3, requested_window = $4, answer = null, answer_message = null, answered_at = null, answered_by = null
      where id = $1`,
    [tracked.requestId, request.message, request.date, request.window],
  );
}

// ---------------------------------------------------------------------------
// Settings (admins, under row-level security)

export interface PortalSettings {
  enabled: boolean;
  slug: string;
  services: { id: string; name: string; active: boolean; offered: boolean }[];
}

export async function loadPortalSettings(tx: Queryable, orgId: string): Promise<PortalSettings | null> {
  const [c] = await tx.query<{ portal_enabled: boolean; slug: string }>("select portal_enabled, slug from public.companies where id = $1", [orgId]);
  if (!c) return null;
  const rows = await tx.query<{ id: string; name: string; active: boolean; offered_to_customers: boolean }>(
    "select id, name, active, offered_to_customers from public.job_templates where org_id = $1 order by name",
    [orgId],
  );
  return { enabled: c.portal_enabled, slug: c.slug, services: rows.map((r) => ({ id: r.id, name: r.name, active: r.active, offered: r.offered_to_customers })) };
}

/** Turns the request page on or off and sets which templates it offers (admins only, by policy). */
export async function savePortalSettings(tx: Queryable, orgId: string, enabled: boolean, offeredTemplateIds: string[]): Promise<void> {
  const updated = await tx.query("update public.companies set portal_enabled = $2 where id = $1 returning id", [orgId, enabled]);
  if (updated.length === 0) throw new ActionFailure("forbidden", "Only an administrator can change the customer portal.");
  await tx.query(
    "update public.job_templates set offered_to_customers = (id = any($2::uuid[])) where org_id = $1 and offered_to_customers is distinct from (id = any($2::uuid[]))",
    [orgId, offeredTemplateIds],
  );
}
