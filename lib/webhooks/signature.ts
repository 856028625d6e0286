import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header a delivery is signed in. */
export const SIGNATURE_HEADER = "Crewboard-Signature";

/** A new endpoint's signing secret (`whsec_…`), shown once. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The `Crewboard-Signature` value for a body sent at `timestamp` (Unix seconds):
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>`.
 *
 * @example
 * signWebhook("whsec_…", 1795000000, '{"id":"…"}') // "t=1795000000,v1=5d41…"
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver does: checks the signature and that it is recent (default five
 * minutes either way), so a captured delivery cannot be replayed later.
 */
export function verifyWebhook(secret: string, header: string | null, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, t, body).split("v1=")[1], "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
