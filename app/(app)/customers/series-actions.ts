"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { cancelSeries, createSeries, previewCancelSeries, updateSeries } from "@/lib/db/recurring";
import { wallClock } from "@/lib/time/zoned-time";
import { SeriesRefSchema, SeriesSchema } from "@/lib/schemas/series";
import { now } from "@/lib/clock";

const EDITORS = ["admin", "dispatcher"] as const;

/** Creates a series (its visits are generated at once), or saves one: only unplaced future visits change. */
export const saveSeriesAction = defineAction({
  roles: EDITORS,
  schema: SeriesSchema,
  run: ({ id, version, ...input }, { session, tx }) => {
    const at = now();
    const today = wallClock(at, session.company.timeZone).date;
    if (!id) return createSeries(tx, session.user, input, today, at);
    if (!version) throw new ActionFailure("validation", "Reload the series before saving.");
    return updateSeries(tx, session.user, id, version, input, today, at);
  },
});

/** What cancelling the series would remove and keep — nothing changes. */
export const previewCancelSeriesAction = defineAction({
  roles: EDITORS,
  schema: SeriesRefSchema,
  run: ({ id }, { session, tx }) => previewCancelSeries(tx, session.user.orgId, id, wallClock(now(), session.company.timeZone).date),
});

export const cancelSeriesAction = defineAction({
  roles: EDITORS,
  schema: SeriesRefSchema,
  run: ({ id, version }, { session, tx }) => cancelSeries(tx, session.user, id, version, wallClock(now(), session.company.timeZone).date),
});
