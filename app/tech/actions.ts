"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { respondToOffer } from "@/lib/db/offers";
import { loadTechDay, myTechnicianId } from "@/lib/db/tech-day";
import { reportVisitStatus } from "@/lib/db/visit-status";
import { OfferAnswerSchema, PushSubscriptionSchema, ReminderChannelSchema, TechDayQuerySchema, TimeOffRequestSchema, VisitReportSchema } from "@/lib/schemas/tech";
import { setMyReminderChannel } from "@/lib/db/reminders";
import { countMyPushSubscriptions, savePushSubscription } from "@/lib/db/push-subscriptions";
import { vapidKeys } from "@/lib/push/vapid";
import { listTimeOffRequests, requestTimeOff } from "@/lib/db/availability";
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

/** Ask for time off or mark hours unavailable (applies at once where no approval is needed). */
export const requestTimeOffAction = defineAction({
  roles: ["technician"],
  schema: TimeOffRequestSchema,
  run: (input, { session, tx }) => requestTimeOff(tx, session.user, input),
});

/** The signed-in technician's own requests and their decisions. */
export const myTimeOffRequestsAction = defineAction({
  roles: ["technician"],
  schema: TechDayQuerySchema,
  run: async (_input, { session, tx }) => {
    const id = await myTechnicianId(tx, session.user.orgId, session.user.userId);
    return id ? listTimeOffRequests(tx, session.user.orgId, { technicianId: id }) : [];
  },
});

/** The server's public push key and whether this person subscribed a phone already. */
export const pushSetupAction = defineAction({
  roles: ["technician"],
  schema: TechDayQuerySchema,
  run: async (_input, { tx }) => ({ publicKey: vapidKeys().publicKey, subscriptions: await countMyPushSubscriptions(tx) }),
});

/** Keep this phone's push subscription: offers, changes to today and reminders arrive as push messages. */
export const savePushSubscriptionAction = defineAction({
  roles: ["technician"],
  schema: PushSubscriptionSchema,
  run: (input, { session, tx }) => savePushSubscription(tx, session.user, input, null),
});

/** How the signed-in technician wants reminders: push, a text or an email. */
export const setReminderChannelAction = defineAction({
  roles: ["technician"],
  schema: ReminderChannelSchema,
  run: async ({ channel }, { tx }) => {
    await setMyReminderChannel(tx, channel);
    return { channel };
  },
});
