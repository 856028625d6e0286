import { z } from "zod";
import { WEBHOOK_EVENT_NAMES } from "@/lib/webhooks/events";

/** HTTPS, or plain HTTP to this machine only (a receiver on the same host). */
export const WebhookUrl = z
  .url({ error: "Enter the endpoint's full URL, like https://example.com/hooks/crewboard." })
  .max(2000)
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === "https:" || (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname));
  }, { error: "Use an https:// address (plain http only to localhost)." });

export const CreateWebhookSchema = z.object({
  url: WebhookUrl,
  description: z.string().trim().max(200, { error: "At most 200 characters." }).default(""),
  events: z.array(z.enum(WEBHOOK_EVENT_NAMES as [string, ...string[]], { error: "Unknown event." })).min(1, { error: "Choose at least one event." }),
});

export const WebhookIdSchema = z.object({ endpointId: z.uuid() });
export const SetWebhookActiveSchema = z.object({ endpointId: z.uuid(), active: z.boolean() });
