"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { suggestGapFills } from "@/lib/db/gaps";
import { DateParam } from "@/lib/schemas/board";
import { now } from "@/lib/clock";

const GapSchema = z
  .object({
    technicianId: z.uuid({ error: "Not a valid technician." }),
    date: DateParam,
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
  })
  .refine((g) => Date.parse(g.end) > Date.parse(g.start), { error: "The gap must end after it starts.", path: ["end"] });

/** The queued jobs that best fill a gap, with the scoring engine's reasons. */
export const fillGapAction = defineAction({
  roles: ["admin", "dispatcher"],
  schema: GapSchema,
  run: (input, { session, tx }) => suggestGapFills(tx, session.user.orgId, input, now()),
});
