"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { loadCompanySettings } from "@/lib/db/board";
import { acceptAutoAssignment, createJob, suggestSlots } from "@/lib/db/dispatch";
import { zonedToUtc } from "@/lib/time/zoned-time";
import { answerReschedule } from "@/lib/db/portal-answers";
import { JobIdSchema, NewJobSchema, RescheduleAnswerSchema, SuggestSchema } from "@/lib/schemas/jobs";
import { now } from "@/lib/clock";

const EDITORS = ["admin", "dispatcher"] as const;

function utc(local: string | null | undefined, timeZone: string): string | null {
  if (!local) return null;
  const [date, time] = local.split("T");
  return zonedToUtc(date, time, timeZone).toISOString();
}

/** Create a job (from a template or not) and let automatic dispatch place it. */
export const createJobAction = defineAction({
  roles: EDITORS,
  schema: NewJobSchema,
  run: async (input, { session, tx }) => {
    const company = await loadCompanySettings(tx, session.user.orgId);
    if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
    const tz = company.timeZone;
    return createJob(
      tx,
      session.user,
      {
        ...input,
        windowStart: utc(input.windowStart, tz),
        windowEnd: utc(input.windowEnd, tz),
        deadline: utc(input.deadline, tz),
        // an unticked box leaves SLA protection to the rules
        slaProtected: input.slaProtected ? true : undefined,
        source: "dispatcher",
      },
      now(),
    );
  },
});

/** Accept an automatic assignment as it is. */
export const acceptAutoAssignmentAction = defineAction({
  roles: EDITORS,
  schema: JobIdSchema,
  run: ({ jobId }, { session, tx }) => acceptAutoAssignment(tx, session.user, jobId),
});

/** The best three slots for a queued job on a day, with their reasons. */
export const suggestSlotsAction = defineAction({
  roles: EDITORS,
  schema: SuggestSchema,
  run: ({ jobId, date }, { session, tx }) => suggestSlots(tx, session.user, jobId, date, now()),
});

/** Answer a customer's request for another time: move the visit (the checked placement path) or decline with a message to them. */
export const answerRescheduleAction = defineAction({
  roles: EDITORS,
  schema: RescheduleAnswerSchema,
  run: (input, { session, tx }) => answerReschedule(tx, session.user, input, now()),
});
