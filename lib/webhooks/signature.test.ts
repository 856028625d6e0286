import { describe, expect, test } from "vitest";
import { createHmac } from "node:crypto";
import { generateWebhookSecret, signWebhook, verifyWebhook } from "@/lib/webhooks/signature";

describe("webhook signatures", () => {
  const secret = "whsec_0123456789abcdefghijklmnopqrstuvwxyz";
  const body = '{"id":"e1","type":"job.created"}';

  test("the signature is HMAC-SHA256 over timestamp and body", () => {
    const expected = createHmac("sha256", secret).update(`1795000000.${body}`).digest("hex");
    expect(signWebhook(secret, 1795000000, body)).toBe(`t=1795000000,v1=${expected}`);
  });

  test("a receiver accepts a fresh, untouched delivery and refuses anything else", () => {
    const header = signWebhook(secret, 1795000000, body);
    expect(verifyWebhook(secret, header, body, 1795000010)).toBe(true);
    expect(verifyWebhook(secret, header, body.replace("e1", "e2"), 1795000010)).toBe(false);
    expect(verifyWebhook("whsec_other-secret-other-secret-other", header, body, 1795000010)).toBe(false);
    expect(verifyWebhook(secret, header, body, 1795000000 + 301)).toBe(false);
    expect(verifyWebhook(secret, null, body, 1795000000)).toBe(false);
    expect(verifyWebhook(secret, "t=abc,v1=00", body, 1795000000)).toBe(false);
  });

  test("secrets are long and random", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
