/**
 * Schemas of the REST API (/api/v1): what a request may send and what it gets back.
 * The handlers parse with these, and the OpenAPI document is generated from them,
 * so the document cannot drift from what the API does.
 */
import { z } from "zod";
import { DateParam } from "@/lib/schemas/board";
import { NOT_FINISHED_REASONS, VISIT_STATUSES } from "@/lib/engine/visit-status";

const Uuid = z.uuid({ error: "Not a valid id." });
const Instant = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date and time with an offset, like 2026-11-23T15:00:00Z." });
const PriorityValue = z
  .int({ error: "Priority is a whole number." })
  .min(1, { error: "Priority is 1 (emergency) to 4 (low)." })
  .max(4, { error: "Priority is 1 (emergency) to 4 (low)." });
const Skills = z.array(z.string().trim().min(1).max(60, { error: "A skill name is at most 60 characters." })).max(20, { error: "At most 20 skills." });
const Minutes = z.int({ error: "Whole minutes." }).min(5, { error: "At least 5 minutes." }).max(1440, { error: "At most 24 hours." });
const Text = (max: number) => z.string().trim().max(max, { error: `At most ${max} characters.` });

// ---------------------------------------------------------------------------
// Requests

export const ApiJobCreate = z
  .strictObject({
    workOrder: Text(64).min(1).optional().meta({ description: "Your work-order number; default: the company's next WO-number." }),
    templateId: Uuid.optional().meta({ description: "A job template of the company: its defaults and dispatch mode apply." }),
    customerId: Uuid,
    description: Text(2000).optional(),
    priority: PriorityValue.optional(),
    requiredSkills: Skills.optional(),
    estimatedMinutes: Minutes.optional(),
    address: Text(300).optional(),
    city: Text(120).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    windowStart: Instant.optional(),
    windowEnd: Instant.optional(),
    deadline: Instant.optional(),
    slaProtected: z.boolean().optional(),
    notes: Text(2000).optional(),
    date: DateParam.optional().meta({ description: "The day (YYYY-MM-DD, company time zone) to find room in; default: the window's day, else today." }),
    autoDispatch: z.boolean().default(true).meta({ description: "false keeps the job in the queue for a dispatcher." }),
  })
  .refine((v) => (v.windowStart === undefined) === (v.windowEnd === undefined), { error: "Give both ends of the arrival window, or neither.", path: ["windowEnd"] })
  .refine((v) => !v.windowStart || !v.windowEnd || Date.parse(v.windowEnd) > Date.parse(v.windowStart), { error: "The window must end after it starts.", path: ["windowEnd"] })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { error: "Give both latitude and longitude, or neither.", path: ["lng"] })
  .meta({
    examples: [
      {
        customerId: "3f0c2a9e-8d4b-4c1e-9a57-2b6f1d0e7c41",
        description: "No heat in the server room; the rooftop unit trips its breaker.",
        priority: 2,
        requiredSkills: ["hvac"],
        estimatedMinutes: 90,
        windowStart: "2026-11-23T15:00:00Z",
        windowEnd: "2026-11-23T17:00:00Z",
      },
    ],
  });
export type ApiJobCreateValues = z.infer<typeof ApiJobCreate>;

export const ApiJobUpdate = z
  .strictObject({
    description: Text(2000).optional(),
    priority: PriorityValue.optional(),
    requiredSkills: Skills.optional(),
    estimatedMinutes: Minutes.optional(),
    windowStart: Instant.nullable().optional(),
    windowEnd: Instant.nullable().optional(),
    deadline: Instant.nullable().optional(),
    slaProtected: z.boolean().optional(),
    notes: Text(2000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: "Send at least one field to change." })
  .refine((v) => (v.windowStart === undefined) === (v.windowEnd === undefined), { error: "Change both ends of the arrival window together.", path: ["windowEnd"] })
  .refine((v) => (v.windowStart == null) === (v.windowEnd == null), { error: "Give both ends of the arrival window, or clear both.", path: ["windowEnd"] })
  .refine((v) => !v.windowStart || !v.windowEnd || Date.parse(v.windowEnd) > Date.parse(v.windowStart), { error: "The window must end after it starts.", path: ["windowEnd"] })
  .meta({ examples: [{ priority: 1, notes: "Gate code 4711; ask for Dana at the front desk." }] });
export type ApiJobUpdateValues = z.infer<typeof ApiJobUpdate>;

export const ApiJobCancel = z
  .strictObject({
    reason: Text(500).min(1, { error: "Say why the job is cancelled." }),
  })
  .meta({ examples: [{ reason: "The customer reset the unit and it runs again." }] });

export const ApiVisitReport = z
  .strictObject({
    status: z.enum([...VISIT_STATUSES, "running_late"], { error: "Use on_my_way, arrived, done, not_finished or running_late." }).meta({
      description: "What the crew reports: on_my_way (the customer is told, with an arrival estimate), arrived, done, not_finished (back to the queue as a return visit), or running_late with a new estimate.",
    }),
    occurredAt: Instant.optional().meta({ description: "When it happened (a report sent late); default: now. Never later than now." }),
    note: Text(1000).optional(),
    reason: z.enum(NOT_FINISHED_REASONS, { error: "Use parts, no_access, customer_absent or second_visit." }).optional().meta({ description: "Required with not_finished." }),
    estimatedArrivalAt: Instant.optional().meta({ description: "Required with running_late." }),
  })
  .refine((v) => v.status !== "not_finished" || Boolean(v.reason), { error: "Say why the job could not be finished.", path: ["reason"] })
  .refine((v) => v.status !== "running_late" || Boolean(v.estimatedArrivalAt), { error: "Give the new arrival estimate.", path: ["estimatedArrivalAt"] })
  .meta({ examples: [{ status: "running_late", estimatedArrivalAt: "2026-11-23T15:40:00Z", note: "Stuck behind a closed bridge." }] });

export const ApiJobListQuery = z.strictObject({
  status: z.enum(["unscheduled", "scheduled", "published", "in_progress", "done", "cancelled"]).optional(),
  customerId: Uuid.optional(),
  workOrder: Text(64).optional(),
  updatedSince: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor of the previous page." }),
});

export const ApiPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor of the previous page." }),
});

export const ApiCustomerCreate = z
  .strictObject({
    name: Text(200).min(1, { error: "Enter the customer's name." }),
    email: z.email({ error: "Enter a valid email address." }).optional(),
    phone: Text(40).optional(),
    address: Text(300).optional(),
    city: Text(120).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    contract: z.boolean().default(false),
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { error: "Give both latitude and longitude, or neither.", path: ["lng"] })
  .meta({
    examples: [
      { name: "Harbor Dental", email: "office@harbordental.example", phone: "+1 415 555 0134", address: "12 Pier Street", city: "San Francisco", lat: 37.7955, lng: -122.3937, contract: true },
    ],
  });

export const ApiScheduleQuery = z.strictObject({ date: DateParam });

export const ApiUrgentCreate = z
  .strictObject({
    workOrder: Text(64).min(1, { error: "Enter the work-order number." }).meta({ description: "The urgent request's key: sending it again returns the same request." }),
    customerId: Uuid,
    description: Text(2000).min(1, { error: "Say what is wrong." }),
    requiredSkills: Skills.default([]),
    durationMin: z.int({ error: "Whole minutes." }).min(5).max(720),
    deadline: Instant.meta({ description: "Must be finished by." }),
    priority: PriorityValue.default(1),
    address: Text(300).optional(),
    city: Text(120).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    notes: Text(2000).optional(),
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { error: "Give both latitude and longitude, or neither.", path: ["lng"] })
  .meta({
    examples: [
      {
        workOrder: "WO-90211",
        customerId: "3f0c2a9e-8d4b-4c1e-9a57-2b6f1d0e7c41",
        description: "Walk-in freezer alarm: -4 °C and rising.",
        requiredSkills: ["refrigeration"],
        durationMin: 60,
        deadline: "2026-11-23T20:00:00Z",
      },
    ],
  });

export const ApiUrgentApprove = z
  .strictObject({
    optionId: z.string().min(1).max(500).meta({ description: "The id of one of the request's options." }),
    overrideReason: Text(500).optional(),
  })
  .meta({ examples: [{ optionId: "5b1d9c3e-7f20-4a8b-9e61-0c4d2a8f7b35/2/gap" }] });

export const ApiOfferQuery = z.strictObject({
  status: z.enum(["offered", "accepted", "declined", "withdrawn"]).optional(),
  jobId: z.uuid().optional().meta({ description: "Only the offers of this job." }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const ApiUnresolvedQuery = z.strictObject({
  date: DateParam,
  list: z.enum(["unresolved", "unassigned", "overdue"]).default("unresolved"),
});

export const ApiIdParam = z.strictObject({ id: Uuid });

// ---------------------------------------------------------------------------
// Responses

const Reason = z.object({ factor: z.string(), value: z.number(), why: z.string() });

export const ApiAssignment = z
  .object({
    id: z.uuid(),
    leaderId: z.uuid(),
    leaderName: z.string(),
    helperIds: z.array(z.uuid()),
    helperNames: z.array(z.string()),
    start: Instant,
    end: Instant,
    version: z.int(),
    publishedAt: Instant.nullable(),
    autoAssigned: z.boolean(),
  })
  .meta({ id: "Assignment" });

export const ApiJob = z
  .object({
    id: z.uuid(),
    workOrder: z.string(),
    customerId: z.uuid(),
    customerName: z.string(),
    description: z.string(),
    priority: z.int(),
    requiredSkills: z.array(z.string()),
    estimatedMinutes: z.int(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }),
    windowStart: Instant.nullable(),
    windowEnd: Instant.nullable(),
    deadline: Instant.nullable(),
    slaProtected: z.boolean(),
    status: z.enum(["unscheduled", "scheduled", "published", "in_progress", "done", "cancelled"]),
    notes: z.string().nullable(),
    version: z.int(),
    source: z.string(),
    dispatchState: z.string(),
    dispatchReason: z.string().nullable(),
    visitStatus: z.enum(VISIT_STATUSES).nullable().meta({ description: "The crew's last report on the visit." }),
    estimatedArrivalAt: Instant.nullable(),
    arrivedAt: Instant.nullable(),
    finishedAt: Instant.nullable(),
    templateId: z.uuid().nullable(),
    assignment: ApiAssignment.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: "Job" });

export const ApiDispatchDecision = z
  .object({
    state: z.enum(["auto_assigned", "preassigned", "review", "offered", "manual"]),
    reason: z.string(),
    technicianId: z.uuid().nullable(),
    candidates: z.array(
      z.object({
        technicianId: z.uuid(),
        technicianName: z.string(),
        eligible: z.boolean(),
        start: Instant.nullable(),
        end: Instant.nullable(),
        score: z.number(),
        addedTravel: z.number().nullable(),
        utilisation: z.number().nullable(),
        reasons: z.array(Reason),
      }),
    ),
  })
  .meta({ id: "DispatchDecision" });

export const ApiJobCreated = z.object({ job: ApiJob, decision: ApiDispatchDecision }).meta({ id: "JobCreated" });

export const ApiJobStatus = z
  .object({
    jobId: z.uuid(),
    workOrder: z.string(),
    status: ApiJob.shape.status,
    technicianStatus: z.string().nullable().meta({ description: "The technician's last report in words (on the way, on site, done, couldn't finish) when there is one." }),
    visitStatus: z.enum(VISIT_STATUSES).nullable(),
    estimatedArrivalAt: Instant.nullable().meta({ description: "When the crew expects to arrive, once on the way." }),
    scheduledStart: Instant.nullable(),
    scheduledEnd: Instant.nullable(),
    technicianName: z.string().nullable(),
    updatedAt: Instant,
  })
  .meta({
    id: "JobStatus",
    examples: [
      {
        jobId: "8d2e6f1a-4b7c-4e9d-a3f0-5c1b2d7e9a10",
        workOrder: "WO-10482",
        status: "published",
        technicianStatus: "on the way",
        visitStatus: "on_my_way",
        estimatedArrivalAt: "2026-11-23T15:25:00Z",
        scheduledStart: "2026-11-23T15:30:00Z",
        scheduledEnd: "2026-11-23T17:00:00Z",
        technicianName: "Rosa Chen",
        updatedAt: "2026-11-23T15:02:11Z",
      },
    ],
  });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const ApiJobPage = page(ApiJob, "JobPage");

export const ApiTechnician = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    skills: z.array(z.string()),
    home: z.object({ lat: z.number(), lng: z.number() }),
    active: z.boolean(),
    version: z.int(),
  })
  .meta({ id: "Technician" });
export const ApiTechnicianPage = page(ApiTechnician, "TechnicianPage");

export const ApiCustomer = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    contract: z.boolean(),
    createdAt: Instant,
  })
  .meta({ id: "Customer" });
export const ApiCustomerPage = page(ApiCustomer, "CustomerPage");

export const ApiSchedule = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    visits: z.array(
      z.object({
        job: z.object({ id: z.uuid(), workOrder: z.string(), customerName: z.string(), status: ApiJob.shape.status, priority: z.int() }),
        assignment: ApiAssignment,
      }),
    ),
  })
  .meta({ id: "Schedule" });

export const ApiUrgentOption = z
  .object({
    id: z.string(),
    rank: z.int(),
    technicianId: z.uuid(),
    technicianName: z.string(),
    urgentStart: Instant,
    urgentEnd: Instant,
    fitsWithoutBump: z.boolean(),
    meetsDeadline: z.boolean(),
    addedTravelMin: z.number(),
    harm: z.object({ score: z.number(), parts: z.array(Reason) }),
    warnings: z.array(z.string()),
    bumped: z.array(
      z.object({
        jobId: z.uuid(),
        workOrder: z.string(),
        customerName: z.string(),
        newWindow: z.object({ start: Instant, end: Instant }).nullable(),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: "UrgentOption" });

export const ApiUrgentRequest = z
  .object({
    id: z.uuid(),
    workOrder: z.string(),
    jobId: z.uuid(),
    status: z.enum(["open", "approved", "cancelled"]),
    rankingMessage: z.string().nullable(),
    options: z.array(ApiUrgentOption),
    approvedOptionId: z.string().nullable(),
    approvedAt: Instant.nullable(),
    createdAt: Instant,
  })
  .meta({ id: "UrgentRequest" });

export const ApiUrgentApproval = z
  .object({
    outcome: z.enum(["applied", "already_approved", "reranked"]),
    summary: z.string(),
    customerNotices: z.int(),
    technicianNotices: z.int(),
  })
  .meta({ id: "UrgentApproval" });

export const ApiOffer = z
  .object({
    id: z.uuid(),
    jobId: z.uuid(),
    workOrder: z.string(),
    technicianId: z.uuid(),
    technicianName: z.string(),
    status: z.enum(["offered", "accepted", "declined", "withdrawn"]),
    start: Instant,
    end: Instant,
    createdAt: Instant,
    respondedAt: Instant.nullable(),
  })
  .meta({ id: "Offer" });
export const ApiOfferPage = page(ApiOffer, "OfferPage");

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          pointer: z.string().optional().meta({ description: "JSON Pointer (RFC 6901) to the invalid field of the request body." }),
          parameter: z.string().optional().meta({ description: "The invalid query or path parameter." }),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({
    id: "Problem",
    description: "An error as application/problem+json (RFC 9457).",
    examples: [
      {
        type: "/api/docs#problem-validation",
        title: "Unprocessable content",
        status: 422,
        detail: "Some fields need attention.",
        instance: "/api/v1/jobs",
        errors: [{ pointer: "/estimatedMinutes", detail: "At least 5 minutes." }],
      },
    ],
  });
