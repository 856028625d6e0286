import "server-only";
import { headers } from "next/headers";

/**
 * The address people reach Crewboard at, for links in emails: `CREWBOARD_PUBLIC_URL`
 * when set (set it in production), else the address of the request being served.
 */
export async function publicOrigin(): Promise<string> {
  const configured = process.env.CREWBOARD_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? `localhost:${process.env.PORT ?? "3000"}`;
  const proto = h.get("x-forwarded-proto") ?? (process.env.COOKIE_SECURE === "true" ? "https" : "http");
  return `${proto}://${host}`;
}

/**
 * The origin for password-reset links. The person asking is not signed in, so the
 * request's Host header is not trusted here (it would let anyone have a reset link
 * point at their own site): `CREWBOARD_PUBLIC_URL`, else this machine.
 */
export function passwordResetOrigin(): string {
  const configured = process.env.CREWBOARD_PUBLIC_URL;
  return configured ? new URL(configured).origin : `http://localhost:${process.env.PORT ?? "3000"}`;
}
