import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, test } from "vitest";
import { signWebhook } from "@/lib/webhooks/signature";
import { VERIFY_WEBHOOK_SNIPPET } from "@/lib/webhooks/verify-snippet";

type Verify = (secret: string, header: string, rawBody: string, nowSeconds: number) => boolean;

/** The snippet as a developer would run it: its import supplied, its function returned. */
function snippetVerify(): Verify {
  const [importLine, ...rest] = VERIFY_WEBHOOK_SNIPPET.split("\n").filter((l) => !l.startsWith("//"));
  expect(importLine).toBe('import { createHmac, timingSafeEqual } from "node:crypto";');
  return new Function("createHmac", "timingSafeEqual", "Buffer", `${rest.join("\n")}\nreturn verify;`)(createHmac, timingSafeEqual, Buffer) as Verify;
}

describe("the webhook check the API reference shows", () => {
  const verify = snippetVerify();
  const secret = "whsec_test-secret";
  const body = '{"id":"e1","type":"ping","data":{}}';
  const t = 1_795_000_000;
  const header = signWebhook(secret, t, body);

  test("accepts what Crewboard signs", () => {
    expect(verify(secret, header, body, t + 10)).toBe(true);
  });

  test.each([
    ["another body", secret, header, body.replace("ping", "pong"), t],
    ["another secret", "whsec_other", header, body, t],
    ["an old delivery", secret, header, body, t + 301],
    ["no signature", secret, "", body, t],
  ])("refuses %s", (_what, s, h, b, now) => {
    expect(verify(s, h, b, now)).toBe(false);
  });
});
