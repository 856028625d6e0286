"use server";

import { defineAction } from "@/lib/actions/define-action";
import { decideTimeOffRequest } from "@/lib/db/availability";
import { TimeOffDecisionSchema } from "@/lib/schemas/tech";

/** Approve (time off goes on the board) or decline a technician's request. */
export const decideTimeOffAction = defineAction({
  roles: ["admin", "dispatcher"],
  schema: TimeOffDecisionSchema,
  run: (input, { session, tx }) => decideTimeOffRequest(tx, session.user, input),
});
