"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { resendNotice } from "@/lib/db/notifications";
import { ResendNoticeSchema } from "@/lib/schemas/outbox";

/** Sends again a notice whose first send may or may not have gone out (a person's call). */
export const resendNoticeAction = defineAction({
  roles: ["admin", "dispatcher"],
  schema: ResendNoticeSchema,
  auditContext: () => ({ reason: "resent by hand after an unknown outcome" }),
  run: async (input, { tx }) => {
    try {
      await resendNotice(tx, input.notificationId);
    } catch (err) {
      if ((err as { code?: string }).code === "22023") throw new ActionFailure("refused", (err as Error).message);
      throw err;
    }
    revalidatePath("/outbox");
    return { notificationId: input.notificationId };
  },
});
