import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A "known device" token: set after a successful sign-in, it lets later attempts for
 * the same account from this browser count apart from strangers' guesses (see
 * signInThrottleRules). It names the account only by a hash of its address.
 */
export interface DeviceToken {
  /** random device id */
  d: string;
  /** sha256(email), hex, first 32 characters */
  a: string;
}

export const DEVICE_TTL_SECONDS = 60 * 60 * 24 * 180;

export function deviceCookieName(env: Record<string, string | undefined> = process.env): string {
  return env.COOKIE_SECURE === "true" ? "__Host-crewboard_device" : "crewboard_device";
}

const accountTag = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
const sign = (body: string, secret: string) => createHmac("sha256", secret).update(`device.${body}`).digest("base64url");

/** A signed token naming this device for `email`. */
export function encodeDeviceToken(email: string, secret: string, deviceId = randomBytes(16).toString("base64url")): string {
  const body = Buffer.from(JSON.stringify({ d: deviceId, a: accountTag(email) } satisfies DeviceToken)).toString("base64url");
  return `${body}.${sign(body, secret)}`;
}

/** The device id when `token` is genuine and was issued for `email`; otherwise null. */
export function trustedDeviceFor(token: string | undefined, email: string, secret: string): string | null {
  if (!token) return null;
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(sign(body, secret), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const t = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as DeviceToken;
    return typeof t.d === "string" && t.a === accountTag(email) ? t.d : null;
  } catch {
    return null;
  }
}

/**
 * The client's address from the request headers: the first `X-Forwarded-For` entry
 * (what `next start` itself records, or what a proxy in front of it sets), else
 * `X-Real-IP`, else "unknown".
 */
export function clientAddressFrom(get: (name: string) => string | null): string {
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || get("x-real-ip")?.trim() || "unknown";
  return address.slice(0, 100);
}
