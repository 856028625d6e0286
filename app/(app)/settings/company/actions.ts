"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { saveCompanySettings } from "@/lib/db/company-settings";
import { CompanySettingsSchema } from "@/lib/schemas/company";

/** Save the company's scheduling, notice and dispatch settings (admins only). */
export const saveCompanySettingsAction = defineAction({
  roles: ["admin"],
  schema: CompanySettingsSchema,
  run: async (input, { session, tx }) => {
    if (!(await saveCompanySettings(tx, session.user.orgId, input))) throw new ActionFailure("forbidden", "Only an administrator of this company can change its settings.");
    return { saved: true };
  },
});
