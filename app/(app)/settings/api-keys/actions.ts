"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { createApiKey, revokeApiKey } from "@/lib/db/api-keys";
import { CreateApiKeySchema, RevokeApiKeySchema } from "@/lib/schemas/api-keys";

/** Create an API key (admins only); the key is returned once and only its hash is kept. */
export const createApiKeyAction = defineAction({
  roles: ["admin"],
  schema: CreateApiKeySchema,
  run: ({ name, scope }, { session, tx }) => createApiKey(tx, session.user.orgId, name, scope),
});

/** Revoke an API key (admins only): it stops working at once. */
export const revokeApiKeyAction = defineAction({
  roles: ["admin"],
  schema: RevokeApiKeySchema,
  run: async ({ keyId }, { session, tx }) => {
    if (!(await revokeApiKey(tx, session.user.orgId, keyId))) throw new ActionFailure("not_found", "That key does not exist in your company.");
    return { keyId };
  },
});
