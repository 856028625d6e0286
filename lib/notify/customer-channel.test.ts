import { describe, expect, test } from "vitest";
import { chooseCustomerChannel, normalizePhone } from "@/lib/notify/customer-channel";

describe("chooseCustomerChannel", () => {
  test.each([
    [{ phone: "+1 (312) 555-0100", email: "dana@example.com" }, "sms", { channel: "sms", recipient: "+13125550100" }],
    [{ phone: "+1 (312) 555-0100", email: "dana@example.com" }, "email", { channel: "email", recipient: "dana@example.com" }],
    [{ phone: null, email: " dana@example.com " }, "sms", { channel: "email", recipient: "dana@example.com" }],
    [{ phone: "312.555.0100", email: null }, "email", { channel: "sms", recipient: "3125550100" }],
    [{ phone: "  ", email: "" }, "sms", null],
    [{ phone: "n/a", email: "not an address" }, "email", null],
    [{}, "sms", null],
  ] as const)("%o preferring %s → %o", (contact, prefer, expected) => {
    expect(chooseCustomerChannel(contact, prefer)).toEqual(expected);
  });
});

describe("normalizePhone", () => {
  test.each([
    ["+44 20 7946 0958", "+442079460958"],
    ["(312) 555-0100", "3125550100"],
    ["555", null],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
});
