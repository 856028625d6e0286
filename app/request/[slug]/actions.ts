"use server";

import { headers } from "next/headers";
import { getDb } from "@/lib/db/connection";
import { submitPortalRequest, type PortalSubmission } from "@/lib/portal/submit";
import { now } from "@/lib/clock";
import type { ActionResult } from "@/lib/actions/result";

/** The public request form: no session; the portal acts as the company's portal principal. */
export async function submitPortalRequestAction(slug: string, input: Record<string, string>): Promise<ActionResult<Omit<PortalSubmission, "decision"> & { state: string }>> {
  const h = await headers();
  const clientAddress = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
  const origin = process.env.CREWBOARD_PUBLIC_URL?.replace(/\/$/, "") ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const result = await submitPortalRequest(await getDb(), slug, input, { now: now(), clientAddress, trackingUrlFor: (token) => `${origin}/track/${token}` });
  if (!result.ok) return result;
  // the customer sees the outcome, not the dispatch engine's reasoning about technicians
  const { decision, ...rest } = result.data;
  return { ok: true, data: { ...rest, state: decision.state } };
}
