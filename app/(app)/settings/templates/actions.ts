"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { createTemplate, updateTemplate } from "@/lib/db/templates";
import { TemplateSchema } from "@/lib/schemas/templates";

/** Create or update a job template (admins only). */
export const saveTemplateAction = defineAction({
  roles: ["admin"],
  schema: TemplateSchema,
  run: async ({ id, ...input }, { session, tx }) => {
    if (!id) return { id: await createTemplate(tx, session.user.orgId, input) };
    if (!(await updateTemplate(tx, session.user.orgId, id, input))) throw new ActionFailure("not_found", "That template no longer exists.");
    return { id };
  },
});
