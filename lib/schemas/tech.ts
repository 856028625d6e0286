import { z } from "zod";
import { NOT_FINISHED_REASONS, VISIT_STATUSES } from "@/lib/engine/visit-status";

const Uuid = z.uuid({ error: "Not a valid id." });
const Instant = z.iso.datetime({ offset: true, error: "Use an ISO date and time." });

/** A technician's answer to a broadcast offer. */
export const OfferAnswerSchema = z.object({
  offerId: Uuid,
  accept: z.boolean(),
  reason: z.string().trim().max(300, { error: "Keep the reason under 300 characters." }).nullish(),
});
export type OfferAnswerValues = z.infer<typeof OfferAnswerSchema>;

/** One status tap from the phone (possibly sent later, after being offline). */
export const VisitReportSchema = z
  .object({
    jobId: Uuid,
    status: z.enum([...VISIT_STATUSES, "running_late"], { error: "Choose a status." }),
    idempotencyKey: z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/, { error: "Not a valid key." }),
    occurredAt: Instant.nullish(),
    note: z.string().trim().max(1000, { error: "Keep the note under 1000 characters." }).nullish(),
    reason: z.enum(NOT_FINISHED_REASONS, { error: "Choose a reason." }).nullish(),
    estimatedArrivalAt: Instant.nullish(),
  })
  .refine((v) => v.status !== "not_finished" || Boolean(v.reason), { error: "Say why the job could not be finished.", path: ["reason"] })
  .refine((v) => v.status !== "running_late" || Boolean(v.estimatedArrivalAt), { error: "Enter the new estimate.", path: ["estimatedArrivalAt"] });
export type VisitReportValues = z.infer<typeof VisitReportSchema>;

/** Which technician's day to load (dispatchers may look at anyone's, read-only). */
export const TechDayQuerySchema = z.object({ technicianId: Uuid.nullish() });

/** Time off (days) or unavailable hours, as the technician asks for them. */
export const TimeOffRequestSchema = z
  .object({
    kind: z.enum(["time_off", "unavailable"], { error: "Choose time off or unavailable hours." }),
    start: Instant,
    end: Instant,
    reason: z.string().trim().max(300, { error: "Keep the reason under 300 characters." }).nullish(),
  })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), { error: "The end must be after the start.", path: ["end"] })
  .refine((v) => Date.parse(v.end) - Date.parse(v.start) <= 31 * 24 * 3_600_000, { error: "Ask for at most 31 days at once.", path: ["end"] });

/** A dispatcher's decision on a request. */
export const TimeOffDecisionSchema = z.object({
  requestId: Uuid,
  approve: z.boolean(),
  note: z.string().trim().max(300, { error: "Keep the note under 300 characters." }).nullish(),
});

/** A phone's Web Push subscription as the browser hands it over. */
export const PushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: "Not a push endpoint." }).max(2000),
  p256dh: z.string().min(40).max(200),
  auth: z.string().min(10).max(100),
});

/** A dispatcher setting a visit's status from the board, in order or as a correction. */
export const VisitCorrectionSchema = z
  .object({
    jobId: Uuid,
    status: z.enum(VISIT_STATUSES, { error: "Choose a status." }),
    idempotencyKey: z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/, { error: "Not a valid key." }),
    /** When it really happened (the dispatcher heard it later); default now. */
    occurredAt: Instant.nullish(),
    note: z.string().trim().max(1000, { error: "Keep the note under 1000 characters." }).nullish(),
    reason: z.enum(NOT_FINISHED_REASONS, { error: "Choose a reason." }).nullish(),
  })
  .refine((v) => v.status !== "not_finished" || Boolean(v.reason), { error: "Say why the job could not be finished.", path: ["reason"] });
export type VisitCorrectionValues = z.infer<typeof VisitCorrectionSchema>;

export const REMINDER_CHANNELS = ["push", "sms", "email"] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

/** How a technician wants their reminders: push on the installed app, a text, or an email. */
export const ReminderChannelSchema = z.object({
  channel: z.enum(REMINDER_CHANNELS, { error: "Choose push, text or email." }),
});
