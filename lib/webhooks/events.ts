/** The events an endpoint can listen for, with what each means. */
export const WEBHOOK_EVENTS = {
  "job.created": "A job was created (board, API or portal).",
  "job.assigned": "A job got a technician and a time, or moved.",
  "job.status_changed": "A job's status changed, or its crew reported progress (on the way, arrived, done, couldn't finish).",
  "job.completed": "A job was done.",
  "job.cancelled": "A job was cancelled.",
  "urgent.approved": "A dispatcher approved an urgent request's option.",
  "offer.taken": "A technician accepted a broadcast offer.",
} as const;
export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as WebhookEvent[];
