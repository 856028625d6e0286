"use server";

import { defineAction } from "@/lib/actions/define-action";
import { cancelJob, copyJob, saveJobNotes } from "@/lib/db/job-record";
import { CancelJobSchema, CopyJobSchema, JobNotesSchema } from "@/lib/schemas/job-records";
import { now } from "@/lib/clock";

const EDITORS = ["admin", "dispatcher"] as const;

export const saveJobNotesAction = defineAction({
  roles: EDITORS,
  schema: JobNotesSchema,
  run: ({ jobId, version, notes }, { session, tx }) => saveJobNotes(tx, session.user.orgId, jobId, version, notes),
});

/** Cancel with a reason: off the board through the checked path, the customer told. */
export const cancelJobAction = defineAction({
  roles: EDITORS,
  schema: CancelJobSchema,
  run: (input, { session, tx }) => cancelJob(tx, session.user, input, now()),
});

/** Duplicate the job, or schedule a return visit (dispatched by the company's rules). */
export const copyJobAction = defineAction({
  roles: EDITORS,
  schema: CopyJobSchema,
  run: async (input, { session, tx }) => {
    const created = await copyJob(tx, session.user, input, now());
    return { id: created.job.id, workOrder: created.job.workOrder, reason: created.decision.reason };
  },
});
