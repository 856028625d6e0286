import { describe, expect, test } from "vitest";
import type { OutboxNotice } from "@/lib/db/notifications";
import { describeDelivery, headline, kindLabel, type DeliveryContext } from "@/components/outbox/delivery-status";

const base: OutboxNotice = {
  id: "4ef9a4c2-0000-4000-8000-000000000001",
  channel: "email",
  recipient: "dana@example.com",
  recipientKind: "customer",
  subject: "Your visit",
  body: "Acme Heating will arrive between 09:30 and 11:30.",
  kind: "arrival_window",
  jobId: null,
  workOrder: null,
  technicianId: null,
  customerId: null,
  dedupeKey: "k",
  status: "pending",
  attempts: 0,
  nextAttemptAt: "2026-11-23T15:00:00.000Z",
  provider: null,
  providerId: null,
  lastError: null,
  sentAt: null,
  createdAt: "2026-11-23T15:00:00.000Z",
  createdBy: null,
};

// 10:00 in Chicago on Monday 23 November 2026
const ctx: DeliveryContext = { timeZone: "America/Chicago", configured: ["email"], now: new Date("2026-11-23T16:00:00Z") };

describe("describeDelivery", () => {
  test.each<[string, Partial<OutboxNotice>, Partial<DeliveryContext>, string, string]>([
    [
      "sent today",
      { status: "sent", attempts: 1, sentAt: "2026-11-23T15:14:00Z", provider: "resend", providerId: "4ef9a4c2-1111-2222" },
      {},
      "sent",
      "Sent 09:14 via Resend (id 4ef9a4c2-…)",
    ],
    [
      "sent another day",
      { status: "sent", attempts: 1, sentAt: "2026-11-22T21:05:00Z", provider: "twilio", providerId: "SM1", channel: "sms" },
      {},
      "sent",
      "Sent Nov 22, 15:05 via Twilio (id SM1)",
    ],
    ["pending without an SMS provider", { channel: "sms" }, {}, "stopped", "Not sent — no SMS provider configured"],
    ["pending without an email provider", {}, { configured: [] }, "stopped", "Not sent — no email provider configured"],
    ["pending with a provider", {}, {}, "waiting", "Queued — waiting for the delivery worker"],
    ["being sent", { status: "sending", attempts: 2 }, {}, "waiting", "Sending (attempt 2)…"],
    ["a text message of unknown fate", { status: "unknown", attempts: 1, channel: "sms" }, {}, "failed", "Outcome unknown — not resent automatically"],
    [
      "failed, will retry",
      { status: "failed", attempts: 3, lastError: "Resend HTTP 500 (internal_server_error): down", nextAttemptAt: "2026-11-23T15:20:00Z" },
      {},
      "failed",
      "Failed 3× — last error Resend HTTP 500 (internal_server_error): down, next try 09:20",
    ],
    [
      "failed for good",
      { status: "failed", attempts: 5, lastError: "SMS API HTTP 400 (code 21211): invalid To", channel: "sms" },
      { configured: ["sms"] },
      "failed",
      "Failed 5× — last error SMS API HTTP 400 (code 21211): invalid To; gave up",
    ],
    [
      "failed, provider since removed",
      { status: "failed", attempts: 1, lastError: "timeout", channel: "sms" },
      {},
      "failed",
      "Failed 1× — last error timeout; not retried: no SMS provider configured",
    ],
    ["held", { status: "held" }, {}, "stopped", "Held — not sent"],
  ])("%s", (_, change, context, tone, label) => {
    const status = describeDelivery({ ...base, ...change }, { ...ctx, ...context });
    expect(status.tone).toBe(tone);
    expect(status.label).toBe(label);
  });

  test("a long error is cut in the table and whole in the tooltip", () => {
    const error = `Resend HTTP 422 (validation_error): ${"x".repeat(200)}`;
    const status = describeDelivery({ ...base, status: "failed", attempts: 1, lastError: error }, ctx);
    expect(status.label.length).toBeLessThan(160);
    expect(status.title).toContain(error);
  });
});

test.each([
  ["arrival_window", "Arrival window"],
  ["technician_day", "Technician's day"],
  ["job_offered", "Job offered"],
])("kind %s reads %s", (kind, label) => {
  expect(kindLabel(kind)).toBe(label);
});

test("a text message's headline is its first line", () => {
  expect(headline({ subject: null, body: "\nAcme: your visit moved.\nReply STOP to opt out" })).toBe("Acme: your visit moved.");
  expect(headline({ subject: "Your visit", body: "…" })).toBe("Your visit");
});
