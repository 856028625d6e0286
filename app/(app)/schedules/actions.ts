"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { loadBoardDay, loadBoardJobs, loadBoardLanes } from "@/lib/db/board";
import { listUndoable, placeJob, undoChange, unassignJob } from "@/lib/db/board-changes";
import { ActionFailure } from "@/lib/actions/result";
import { publishDay } from "@/lib/db/publish";
import { BoardJobsSchema, BoardLanesSchema, DaySchema, PlaceJobSchema, UndoSchema, UnassignJobSchema } from "@/lib/schemas/board";
import { now } from "@/lib/clock";
import { applyDayPlan, undoOptimisation } from "@/lib/db/day-optimisation";
import { ApplyDayPlanSchema, UndoOptimisationSchema } from "@/lib/schemas/optimise";
import { VisitCorrectionSchema } from "@/lib/schemas/tech";
import { reportVisitStatus } from "@/lib/db/visit-status";

const EDITORS = ["admin", "dispatcher"] as const;
const EVERYONE = ["admin", "dispatcher", "technician", "viewer"] as const;

/** Assign, move, resize, reassign or change the crew of a job. */
export const placeJobAction = defineAction({
  roles: EDITORS,
  schema: PlaceJobSchema,
  run: (input, { session, tx }) => placeJob(tx, session.user, input, now()),
});

/**
 * Set a visit's status from the board: the crew told the office by phone, or the
 * record is wrong. Out of the crew's order (e.g. done before arrived) it is
 * recorded as a correction in the audit trail.
 */
export const correctVisitStatusAction = defineAction({
  roles: EDITORS,
  schema: VisitCorrectionSchema,
  run: async (input, { session, tx }) => {
    const r = await reportVisitStatus(tx, session.user, input, now());
    return { summary: r.summary, duplicate: r.duplicate, customerNotice: r.customerNotice };
  },
});

/** Take a job off the board, back to the unscheduled queue. */
export const unassignJobAction = defineAction({
  roles: EDITORS,
  schema: UnassignJobSchema,
  run: (input, { session, tx }) => unassignJob(tx, session.user, input, now()),
});

/** Undo one of your own recent changes (the latest when no id is given). */
export const undoAction = defineAction({
  roles: EDITORS,
  schema: UndoSchema,
  run: (input, { session, tx }) => undoChange(tx, session.user, input, now()),
});

/** Your last ten changes that can still be undone. */
export const listUndoableAction = defineAction({
  roles: EDITORS,
  schema: z.object({}),
  run: (_input, { session, tx }) => listUndoable(tx, session.user, 10),
});

/** The whole board of one day, as the signed-in person may see it. */
export const loadDayAction = defineAction({
  roles: EVERYONE,
  schema: DaySchema,
  run: async ({ date }, { session, tx }) => {
    const day = await loadBoardDay(tx, session.user.orgId, date);
    if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
    return day;
  },
});

/** More lanes of one day's board (a large board fills in after its first paint). */
export const loadBoardLanesAction = defineAction({
  roles: EVERYONE,
  schema: BoardLanesSchema,
  run: async ({ date, offset, limit }, { session, tx }) => {
    const lanes = await loadBoardLanes(tx, session.user.orgId, date, offset, limit);
    if (!lanes) throw new ActionFailure("not_found", "Your company could not be loaded.");
    return lanes;
  },
});

/** Just some jobs of one day's board, as they are now: live updates patch with these. */
export const loadBoardJobsAction = defineAction({
  roles: EVERYONE,
  schema: BoardJobsSchema,
  run: ({ date, jobIds }, { session, tx }) => loadBoardJobs(tx, session.user.orgId, date, jobIds, session.company.timeZone),
});

/** Publish the day's changes: notices to affected technicians and customers, in one transaction. */
export const publishDayAction = defineAction({
  roles: EDITORS,
  schema: DaySchema,
  run: async ({ date }, { session, tx }) => {
    const r = await publishDay(tx, session.user, date, now());
    return {
      assignments: r.assignments,
      technicianNotices: r.technicianNotices,
      customerNotices: r.customerNotices,
      unreachableCustomers: r.unreachableCustomers,
      unreachableTechnicians: r.unreachableTechnicians,
    };
  },
});

/** Approve a previewed day optimisation: one checked, audited change, refused if the board changed since. */
export const applyDayPlanAction = defineAction({
  roles: EDITORS,
  schema: ApplyDayPlanSchema,
  run: (input, { session, tx }) => applyDayPlan(tx, session.user, input, now()),
});

/** Take a whole day optimisation back. */
export const undoOptimisationAction = defineAction({
  roles: EDITORS,
  schema: UndoOptimisationSchema,
  run: ({ optimisationId }, { session, tx }) => undoOptimisation(tx, session.user, optimisationId, now()),
});
