import { expect, test } from "vitest";
import { OutboxQuery } from "@/lib/schemas/outbox";

const ID = "3f0c6a0e-8a51-4a8e-9b0a-0a5b7c1d2e3f";

test.each([
  [{}, {}],
  [{ status: "failed" }, { status: "failed" }],
  [{ status: "", channel: "" }, {}],
  [{ channel: "sms", before: ID }, { channel: "sms", before: ID }],
])("%o is a valid query", (input, expected) => {
  const parsed = OutboxQuery.safeParse(input);
  expect(parsed.success && parsed.data).toEqual(expected);
});

test.each([
  [{ status: "lost" }, "Status must be pending, sending, sent, failed, held or unknown."],
  [{ channel: "fax" }, "Channel must be email, sms or push."],
  [{ channel: ["sms", "email"] }, "Channel must be email, sms or push."],
  [{ before: "1 or 1=1" }, "That page link is not valid."],
])("%o is refused with a message a person can read", (input, message) => {
  const parsed = OutboxQuery.safeParse(input);
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0].message).toBe(message);
});
