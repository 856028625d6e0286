/**
 * A customer's request from /request/<slug>, start to finish: the form checked with
 * its size limits and honeypot, rate limits per client address and per company, the
 * address located (geocoding service or the offline postal-code table), then one
 * transaction as the company's portal principal.
 */
import type { Db } from "@/lib/db/client";
import { withUser } from "@/lib/db/with-user";
import { hitRateLimit } from "@/lib/db/rate-limits";
import { createPortalRequest, findPortalCompany, type PortalRequestResult } from "@/lib/db/portal";
import { ActionFailure, fail, ok, type ActionResult } from "@/lib/actions/result";
import { geocodeAddress, type GeocodeOptions } from "@/lib/geo/geocoder";
import { PortalRequestSchema } from "@/lib/schemas/portal";

/** Requests one client address may make per window, and one company may receive. */
export const PORTAL_LIMITS = {
  perAddress: { limit: 5, windowSeconds: 10 * 60 },
  perCompany: { limit: 200, windowSeconds: 60 * 60 },
};

export interface SubmitOptions {
  now: Date;
  /** The client's address as the server saw it (rate limiting only; never stored). */
  clientAddress: string;
  trackingUrlFor: (token: string) => string;
  geocoder?: GeocodeOptions;
  limits?: typeof PORTAL_LIMITS;
}

export type PortalSubmission = PortalRequestResult & { approximate: boolean };

/** Turns a customer's form into a dispatched job with a tracking link, or says what to fix. */
export async function submitPortalRequest(db: Db, slug: string, raw: unknown, options: SubmitOptions): Promise<ActionResult<PortalSubmission>> {
  // every attempt counts, valid or not
  const limits = options.limits ?? PORTAL_LIMITS;
  const byAddress = await hitRateLimit(db, `portal-ip:${options.clientAddress}`, limits.perAddress.limit, limits.perAddress.windowSeconds);
  if (!byAddress.allowed) {
    return fail("throttled", `Too many requests from your connection. Please try again in ${Math.ceil(byAddress.retryAfterSeconds / 60)} minutes, or call us.`);
  }
  const parsed = PortalRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    return fail("validation", "Some fields need attention.", fieldErrors);
  }
  const input = parsed.data;
  // people never see the honeypot field; a filled one is a robot
  if (input.website) return fail("refused", "We could not accept this request. Please call us instead.");
  const company = await findPortalCompany(db, slug);
  if (!company) return fail("not_found", "There is no request page here.");
  const byCompany = await hitRateLimit(db, `portal-company:${company.orgId}`, limits.perCompany.limit, limits.perCompany.windowSeconds);
  if (!byCompany.allowed) return fail("throttled", "We are receiving a lot of requests right now. Please try again later, or call us.");

  const place = await geocodeAddress({ line1: input.address, city: input.city, postalCode: input.postalCode }, options.geocoder);
  if (!place.ok) return fail("validation", "We could not find that address.", { address: [place.message] });
  try {
    const result = await withUser(
      db,
      company.principal,
      (tx) =>
        createPortalRequest(
          tx,
          company,
          {
            name: input.name,
            phone: input.phone ?? null,
            email: input.email ?? null,
            address: input.address,
            city: input.city ?? null,
            templateId: input.templateId,
            problem: input.problem,
            preferredDate: input.preferredDate ?? null,
            preferredWindow: input.preferredWindow,
            location: { lat: place.lat, lng: place.lng, approximate: place.approximate, label: place.label },
          },
          options.trackingUrlFor,
          options.now,
        ),
      { auditContext: { via: "portal" } },
    );
    return ok({ ...result, approximate: place.approximate });
  } catch (err) {
    if (err instanceof ActionFailure) return fail(err.code, err.message, err.fieldErrors);
    throw err;
  }
}
