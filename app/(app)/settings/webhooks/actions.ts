"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { createWebhookEndpoint, deleteWebhookEndpoint, sendWebhookTest, setWebhookEndpointActive } from "@/lib/db/webhooks";
import { CreateWebhookSchema, SetWebhookActiveSchema, WebhookIdSchema } from "@/lib/schemas/webhooks";

/** Register an endpoint (admins only); its signing secret is returned once. */
export const createWebhookAction = defineAction({
  roles: ["admin"],
  schema: CreateWebhookSchema,
  run: (input, { session, tx }) => createWebhookEndpoint(tx, session.user.orgId, session.user.userId, input),
});

export const setWebhookActiveAction = defineAction({
  roles: ["admin"],
  schema: SetWebhookActiveSchema,
  run: async ({ endpointId, active }, { session, tx }) => {
    if (!(await setWebhookEndpointActive(tx, session.user.orgId, endpointId, active))) throw new ActionFailure("not_found", "That endpoint no longer exists.");
    return { endpointId, active };
  },
});

export const deleteWebhookAction = defineAction({
  roles: ["admin"],
  schema: WebhookIdSchema,
  run: async ({ endpointId }, { session, tx }) => {
    if (!(await deleteWebhookEndpoint(tx, session.user.orgId, endpointId))) throw new ActionFailure("not_found", "That endpoint no longer exists.");
    return { endpointId };
  },
});

/** Queue a "ping" to one endpoint; the delivery worker sends it within seconds. */
export const sendWebhookTestAction = defineAction({
  roles: ["admin"],
  schema: WebhookIdSchema,
  run: async ({ endpointId }, { tx }) => {
    const id = await sendWebhookTest(tx, endpointId);
    if (!id) throw new ActionFailure("not_found", "That endpoint no longer exists.");
    return { deliveryId: id };
  },
});
