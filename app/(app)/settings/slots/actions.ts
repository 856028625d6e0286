"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { addSlotBlocks, removeSlotBlock, saveRecoveryBuffer } from "@/lib/db/slot-blocks";
import { RecoveryBufferSchema, RemoveSlotBlockSchema, SlotBlockSchema } from "@/lib/schemas/slots";

/** Adds a block to the slot template on the chosen weekdays (admins only). */
export const addSlotBlockAction = defineAction({
  roles: ["admin"],
  schema: SlotBlockSchema,
  run: async (input, { session, tx }) => ({ ids: await addSlotBlocks(tx, session.user.orgId, input) }),
});

export const removeSlotBlockAction = defineAction({
  roles: ["admin"],
  schema: RemoveSlotBlockSchema,
  run: async ({ id }, { session, tx }) => {
    if (!(await removeSlotBlock(tx, session.user.orgId, id))) throw new ActionFailure("not_found", "That block no longer exists.");
    return { id };
  },
});

export const saveRecoveryBufferAction = defineAction({
  roles: ["admin"],
  schema: RecoveryBufferSchema,
  run: async ({ minutes }, { session, tx }) => {
    if (!(await saveRecoveryBuffer(tx, session.user.orgId, minutes))) throw new ActionFailure("forbidden", "Only administrators change the buffer.");
    return { minutes };
  },
});
