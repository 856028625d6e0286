"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { respondToOffer } from "@/lib/db/offers";
import { loadTechDay, myTechnicianId } from "@/lib/db/tech-day";
import { reportVisitStatus } from "@/lib/db/visit-status";
import { OfferAnswerSchema, TechDayQuerySchema, VisitReportSchema } from "@/lib/schemas/tech";
import { now } from "@/lib/clock";

/** Accept or decline an offer; the first acceptance wins through the board's checks. */
export const respondToOfferAction = defineAction({
  roles: ["technician"],
  schema: OfferAnswerSchema,
  run: (input, { session, tx }) => respondToOffer(tx, session.user, input, now()),
});

/** On my way, arrived, done, couldn't finish, running late (dispatchers: a correction). */
export const reportVisitStatusAction = defineAction({
  roles: ["technician", "dispatcher", "admin"],
  schema: VisitReportSchema,
  run: (input, { session, tx }) => reportVisitStatus(tx, session.user, input, now()),
});

/** A technician's day and offers, fresh (after a change elsewhere). */
export const loadTechDayAction = defineAction({
  roles: ["technician", "dispatcher", "admin"],
  schema: TechDayQuerySchema,
  run: async ({ technicianId }, { session, tx }) => {
    const id =
      session.user.role === "technician" ? await myTechnicianId(tx, session.user.orgId, session.user.userId) : (technicianId ?? null);
    if (!id) throw new ActionFailure("not_found", "No technician record is linked to your sign-in.");
    const day = await loadTechDay(tx, session.user.orgId, id, now());
    if (!day) throw new ActionFailure("not_found", "That technician is not in your company.");
    return day;
  },
});
