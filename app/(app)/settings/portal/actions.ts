"use server";

import { defineAction } from "@/lib/actions/define-action";
import { savePortalSettings } from "@/lib/db/portal";
import { PortalSettingsSchema } from "@/lib/schemas/portal";

/** Turn the customer request page on or off and choose the services it offers. */
export const savePortalSettingsAction = defineAction({
  roles: ["admin"],
  schema: PortalSettingsSchema,
  run: ({ enabled, offeredTemplateIds }, { session, tx }) => savePortalSettings(tx, session.user.orgId, enabled, offeredTemplateIds),
});
