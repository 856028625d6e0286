import { z } from "zod";

/** An absent or empty query parameter means "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** The Outbox page's query: `?status=failed&channel=sms&before=<notice id>`. */
export const OutboxQuery = z.object({
  status: optional(
    z.enum(["pending", "sending", "sent", "failed", "held", "unknown"], {
      error: "Status must be pending, sending, sent, failed, held or unknown.",
    }),
  ),
  channel: optional(z.enum(["email", "sms", "push"], { error: "Channel must be email, sms or push." })),
  before: optional(z.uuid({ error: "That page link is not valid." })),
});

export type OutboxQuery = z.infer<typeof OutboxQuery>;

/** Resending one notice of unknown fate from the outbox. */
export const ResendNoticeSchema = z.object({ notificationId: z.uuid({ error: "That notice is not valid." }) });
