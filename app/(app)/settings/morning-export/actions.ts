"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { saveMorningExportTime } from "@/lib/db/morning-export";

const MorningExportSchema = z.object({
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Use a time like 07:00." })
    .nullable(),
});

/** Sets (or turns off, with null) the local time of the morning export (admins only). */
export const saveMorningExportAction = defineAction({
  roles: ["admin"],
  schema: MorningExportSchema,
  run: async ({ time }, { session, tx }) => {
    if (!(await saveMorningExportTime(tx, session.user.orgId, time))) throw new ActionFailure("forbidden", "Only administrators change the morning export.");
    return { time };
  },
});
