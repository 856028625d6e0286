"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { loadCompanySettings } from "@/lib/db/board";
import { getCustomerLocation } from "@/lib/db/customers";
import { approveUrgent } from "@/lib/db/urgent-approval";
import { rerankUrgent, submitUrgent } from "@/lib/db/urgent-ranking";
import { zonedToUtc } from "@/lib/time/zoned-time";
import { ApproveSchema, RerankSchema, UrgentIntakeSchema } from "@/lib/schemas/urgent";
import { now } from "@/lib/clock";

const EDITORS = ["admin", "dispatcher"] as const;

/** Enter an urgent job (or find the one with the same work order) and rank where it can go. */
export const submitUrgentAction = defineAction({
  roles: EDITORS,
  schema: UrgentIntakeSchema,
  run: async (input, { session, tx }) => {
    const company = await loadCompanySettings(tx, session.user.orgId);
    if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
    let { lat, lng } = input;
    let { address, city } = input;
    if (input.customerId && (lat == null || lng == null)) {
      const c = await getCustomerLocation(tx, session.user.orgId, input.customerId);
      if (!c) throw new ActionFailure("not_found", "That customer does not exist in your company.", { customerId: ["Choose a customer of your company."] });
      if (c.lat == null || c.lng == null) {
        throw new ActionFailure("validation", "This customer has no coordinates on file.", { lat: ["Enter the site's coordinates."] });
      }
      lat = c.lat;
      lng = c.lng;
      address ??= c.address;
      city ??= c.city;
    }
    const [date, time] = input.deadline.split("T");
    return submitUrgent(
      tx,
      session.user,
      {
        workOrder: input.workOrder,
        customerId: input.customerId ?? null,
        newCustomer: input.customerId ? null : { name: input.newCustomerName!, phone: input.newCustomerPhone ?? null, email: input.newCustomerEmail ?? null },
        address,
        city,
        lat: lat!,
        lng: lng!,
        requiredSkills: input.requiredSkills,
        durationMin: input.durationMin,
        deadline: zonedToUtc(date, time, company.timeZone).toISOString(),
        priority: input.priority,
        description: input.description,
        notes: input.notes ?? null,
      },
      now(),
    );
  },
});

/** Rank the options again, with or without the SLA override. */
export const rerankUrgentAction = defineAction({
  roles: EDITORS,
  schema: RerankSchema,
  run: ({ requestId, allowSlaOverride }, { session, tx }) => rerankUrgent(tx, session.user, requestId, allowSlaOverride, now()),
});

/** Approve one option: the only way an urgent reshuffle changes the board. */
export const approveUrgentAction = defineAction({
  roles: EDITORS,
  schema: ApproveSchema,
  run: (input, { session, tx }) => approveUrgent(tx, session.user, input, now()),
});
