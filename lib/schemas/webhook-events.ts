/**
 * What Crewboard POSTs to a webhook endpoint: the envelope every event shares and the
 * `data` of each event, as the database triggers build them
 * (supabase/migrations/*_webhooks*.sql). The OpenAPI document lists them under
 * `webhooks`, and the webhook tests check every delivered body against them.
 */
import { z } from "zod";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/events";

/** Postgres writes timestamps in JSON as `2026-11-23T15:00:00+00:00`. */
const Instant = z.iso.datetime({ offset: true });
const JobStatusValue = z.enum(["unscheduled", "scheduled", "published", "in_progress", "done", "cancelled"]);
const VisitStatusValue = z.enum(["on_my_way", "arrived", "done", "not_finished"]);

export const WebhookJob = z.strictObject({
  id: z.uuid(),
  workOrder: z.string(),
  status: JobStatusValue,
  customerId: z.uuid(),
  description: z.string(),
  priority: z.int(),
  source: z.enum(["dispatcher", "portal", "api", "import", "urgent"]).meta({ description: "Where the job came from." }),
  windowStart: Instant.nullable(),
  windowEnd: Instant.nullable(),
  version: z.int().meta({ description: "The job's version, as in its ETag." }),
  visitStatus: VisitStatusValue.nullable().meta({ description: "The crew's last report on the visit." }),
  estimatedArrivalAt: Instant.nullable(),
});

const JobData = z.strictObject({ job: WebhookJob });

const DATA: Record<WebhookEvent | "ping", z.ZodType> = {
  "job.created": JobData,
  "job.assigned": JobData.extend({
    assignment: z.strictObject({ id: z.uuid(), leaderId: z.uuid(), leaderName: z.string(), start: Instant, end: Instant }),
  }),
  "job.status_changed": JobData.extend({
    previousStatus: JobStatusValue,
    previousVisitStatus: VisitStatusValue.nullable(),
  }),
  "job.completed": JobData,
  "job.cancelled": JobData,
  "urgent.approved": z.strictObject({
    urgentRequest: z.strictObject({ id: z.uuid(), workOrder: z.string(), jobId: z.uuid(), optionId: z.string(), technicianId: z.uuid(), start: Instant, end: Instant }),
  }),
  "offer.taken": z.strictObject({
    offer: z.strictObject({ id: z.uuid(), jobId: z.uuid(), technicianId: z.uuid(), technicianName: z.string(), start: Instant, end: Instant }),
  }),
  ping: z.strictObject({ endpointId: z.uuid(), message: z.string() }),
};

/** The body of one event: its id (the same on every retry), type, time and data. */
export function webhookBody(event: WebhookEvent | "ping"): z.ZodType {
  return z.strictObject({
    id: z.uuid().meta({ description: "The event's id: the same on every retry, so a receiver can skip one it already handled." }),
    type: z.literal(event),
    createdAt: z.iso.datetime().meta({ description: "When the change happened (UTC)." }),
    data: DATA[event],
  });
}

/** Every event an endpoint may receive, with what it means ("ping" is the test event). */
export const WEBHOOK_DOCS: { event: WebhookEvent | "ping"; summary: string }[] = [
  ...(Object.entries(WEBHOOK_EVENTS) as [WebhookEvent, string][]).map(([event, summary]) => ({ event, summary })),
  { event: "ping", summary: "A test event, sent by \"Send test event\" in Settings → Webhooks." },
];
