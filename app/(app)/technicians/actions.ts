"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { loadCompanySettings } from "@/lib/db/board";
import { createTechnician, removeTimeOff, saveTimeOff, setTechnicianActive, updateTechnician } from "@/lib/db/technicians";
import { zonedToUtc } from "@/lib/time/zoned-time";
import { resolvePlace } from "@/lib/geo/resolve-place";
import { TechnicianSchema, TechnicianStateSchema, TimeOffIdSchema, TimeOffSchema } from "@/lib/schemas/records";
import { now } from "@/lib/clock";

const EDITORS = ["admin", "dispatcher"] as const;

/** Creates a technician, or saves one seen at a version. */
export const saveTechnicianAction = defineAction({
  roles: EDITORS,
  schema: TechnicianSchema,
  run: async ({ id, version, home, ...input }, { session, tx }) => {
    const place = await resolvePlace(home, "home.address");
    const values = { ...input, home: place };
    if (!id) return { id: (await createTechnician(tx, session.user.orgId, values)).id };
    if (!version) throw new ActionFailure("validation", "Reload the technician before saving.");
    return updateTechnician(tx, session.user.orgId, id, version, values);
  },
});

/** Deactivates (or brings back) a technician; lists the visits someone must move. */
export const setTechnicianActiveAction = defineAction({
  roles: EDITORS,
  schema: TechnicianStateSchema,
  run: ({ id, version, active }, { session, tx }) => setTechnicianActive(tx, session.user.orgId, id, version, active, now()),
});

/** Adds or changes time off (wall-clock times in the company's zone); returns what it collides with. */
export const saveTimeOffAction = defineAction({
  roles: EDITORS,
  schema: TimeOffSchema,
  run: async (input, { session, tx }) => {
    const company = await loadCompanySettings(tx, session.user.orgId);
    if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
    const utc = (local: string) => {
      const [date, time] = local.split("T");
      return zonedToUtc(date, time, company.timeZone).toISOString();
    };
    return saveTimeOff(tx, session.user.orgId, { ...input, start: utc(input.start), end: utc(input.end) });
  },
});

export const removeTimeOffAction = defineAction({
  roles: EDITORS,
  schema: TimeOffIdSchema,
  run: ({ technicianId, id }, { session, tx }) => removeTimeOff(tx, session.user.orgId, technicianId, id),
});
