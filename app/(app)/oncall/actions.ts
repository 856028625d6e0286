"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createRotation, decideSwap, requestSwap } from "@/lib/db/on-call";
import { RotationSchema, SwapDecisionSchema, SwapRequestSchema } from "@/lib/schemas/on-call";
import { now } from "@/lib/clock";

export const createRotationAction = defineAction({
  roles: ["admin", "dispatcher"],
  schema: RotationSchema,
  run: async (input, { session, tx }) => ({ id: await createRotation(tx, session.user.orgId, input) }),
});

/** Any member may ask; a technician only for their own turn (checked in requestSwap). */
export const requestSwapAction = defineAction({
  roles: ["admin", "dispatcher", "technician"],
  schema: SwapRequestSchema,
  run: async (input, { session, tx }) => ({ id: await requestSwap(tx, session.user, input, now()) }),
});

export const decideSwapAction = defineAction({
  roles: ["admin", "dispatcher"],
  schema: SwapDecisionSchema,
  auditContext: (input) => ({ summary: input.approve ? "approved an on-call swap" : "declined an on-call swap" }),
  run: async ({ id, approve }, { session, tx }) => {
    await decideSwap(tx, session.user.orgId, id, approve);
    return { id };
  },
});
