/** Slot template blocks and the recovery buffer, as forms and actions send them. */
import { z } from "zod";

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Use a time like 09:00." });

export const SlotBlockSchema = z
  .object({
    weekdays: z.array(z.int().min(1).max(7)).min(1, { error: "Choose at least one weekday." }).max(7),
    start: Clock,
    end: Clock,
    kind: z.enum(["fixed", "flex"], { error: "Choose fixed or flex." }),
    templateId: z.uuid({ error: "Choose the kind of work the block is for." }).nullable(),
    label: z.string().trim().min(1, { error: "Give the block a name." }).max(120, { error: "At most 120 characters." }),
  })
  .refine((v) => v.end > v.start, { error: "The block must end after it starts.", path: ["end"] })
  .refine((v) => (v.kind === "fixed") === (v.templateId !== null), {
    error: "A fixed block is reserved for one kind of work; a flex slot for none.",
    path: ["templateId"],
  });
export type SlotBlockValues = z.infer<typeof SlotBlockSchema>;

export const RemoveSlotBlockSchema = z.object({ id: z.uuid({ error: "Not a valid block." }) });

export const RecoveryBufferSchema = z.object({
  minutes: z.coerce
    .number({ error: "Enter whole minutes." })
    .int({ error: "Enter whole minutes." })
    .min(0, { error: "At least 0 minutes." })
    .max(30, { error: "At most 30 minutes." }),
});
