"use server";

import { defineAction } from "@/lib/actions/define-action";
import { previewRule, removeRule, saveRule } from "@/lib/db/rules";
import { RuleIdSchema, RuleSchema } from "@/lib/schemas/rules";

/** The open jobs a drafted rule covers and what it would change — nothing is saved. */
export const previewRuleAction = defineAction({
  roles: ["admin"],
  schema: RuleSchema,
  run: (input, { session, tx }) => previewRule(tx, session.user.orgId, input),
});

/** Saves a rule (admins only); optionally applies it to the open jobs it covers. */
export const saveRuleAction = defineAction({
  roles: ["admin"],
  schema: RuleSchema,
  run: ({ id, applyToOpenJobs, ...draft }, { session, tx }) => saveRule(tx, session.user.orgId, id, draft, applyToOpenJobs),
});

export const removeRuleAction = defineAction({
  roles: ["admin"],
  schema: RuleIdSchema,
  run: ({ id }, { session, tx }) => removeRule(tx, session.user.orgId, id),
});
