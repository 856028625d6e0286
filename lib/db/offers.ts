/**
 * A technician answers a broadcast offer. Accepting places the job through the
 * board's checked path (placeJob: job lock, versions, engine checks, audit) in the
 * same transaction that marks the offer taken, so the first acceptance wins and
 * everyone else's offer reads "taken".
 */
import type { Queryable } from "@/lib/db/client";
import type { SessionUser } from "@/lib/db/with-user";
import { placeJob } from "@/lib/db/board-changes";
import { ActionFailure } from "@/lib/actions/result";
import { queueTechnicianNotice } from "@/lib/db/technician-notices";
import { formatInZone } from "@/lib/time/format-time";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

/**
 * What a dispatcher may knowingly accept as a warning but a technician taking an
 * offer may not: the board's hard rules for a crew's day.
 */
const REFUSED_FOR_OFFERS = new Set(["double_booked", "missing_skill", "outside_shift", "time_off", "on_break", "travel_before", "travel_after"]);

export type OfferOutcome = "accepted" | "declined" | "taken";

export interface OfferAnswer {
  offerId: string;
  accept: boolean;
  /** Why the technician declines (short, optional). */
  reason?: string | null;
}

export interface OfferResult {
  outcome: OfferOutcome;
  workOrder: string;
  /** What happened, in words. */
  message: string;
}

/**
 * Answers an offer made to the signed-in technician.
 *
 * @example
 * await withUser(db, tech, (tx) => respondToOffer(tx, tech, { offerId, accept: true }, now)) // { outcome: "accepted", … }
 */
export async function respondToOffer(tx: Queryable, actor: Actor, answer: OfferAnswer, now: Date): Promise<OfferResult> {
  const [offer] = await tx.query<{ id: string; job_id: string; technician_id: string }>(
    `select o.id, o.job_id, o.technician_id from public.job_offers o
      where o.id = $1 and o.org_id = $2 and o.technician_id in (select private.my_technician_ids())`,
    [answer.offerId, actor.orgId],
  );
  if (!offer) throw new ActionFailure("not_found", "That offer is not yours.");
  // every answer to offers of this job waits here for the one before it
  const [job] = await tx.query<{ version: number; work_order: string; status: string; assigned: boolean }>(
    `select j.version, j.work_order, j.status,
            exists (select 1 from public.assignments a where a.job_id = j.id and a.active) as assigned
       from public.jobs j where j.id = $1 for update`,
    [offer.job_id],
  );
  if (!job) throw new ActionFailure("not_found", "That job no longer exists.");
  const [current] = await tx.query<{ status: string; starts_at: Date; ends_at: Date }>(
    "select status, starts_at, ends_at from public.job_offers where id = $1",
    [offer.id],
  );
  const wo = job.work_order;
  if (current.status === "accepted") return { outcome: "accepted", workOrder: wo, message: `${wo} is already yours.` };
  if (current.status === "declined") return { outcome: "declined", workOrder: wo, message: `You declined ${wo}.` };
  if (current.status !== "offered") return { outcome: "taken", workOrder: wo, message: `${wo} was taken by someone else.` };

  if (!answer.accept) {
    await tx.query("update public.job_offers set status = 'declined', responded_at = $3, decline_reason = $2 where id = $1", [
      offer.id,
      answer.reason?.trim() || null,
      now.toISOString(),
    ]);
    return { outcome: "declined", workOrder: wo, message: `You declined ${wo}.` };
  }
  if (job.assigned || job.status !== "unscheduled") {
    await tx.query("update public.job_offers set status = 'withdrawn', responded_at = $2 where id = $1", [offer.id, now.toISOString()]);
    return { outcome: "taken", workOrder: wo, message: `${wo} was taken by someone else.` };
  }

  try {
    const placed = await placeJob(
      tx,
      actor,
      {
        jobId: offer.job_id,
        jobVersion: Number(job.version),
        assignmentVersion: null,
        leaderId: offer.technician_id,
        helperIds: [],
        start: new Date(current.starts_at).toISOString(),
        end: new Date(current.ends_at).toISOString(),
        notifyCustomer: false,
      },
      now,
    );
    const blocking = placed.warnings.filter((w) => REFUSED_FOR_OFFERS.has(w.code));
    if (blocking.length > 0) throw new ActionFailure("refused", blocking.map((w) => w.message).join("; "));
  } catch (err) {
    if (err instanceof ActionFailure && err.code === "refused") {
      throw new ActionFailure("refused", `You cannot take ${wo} at the offered time: ${err.message}`);
    }
    throw err;
  }
  // placing the job withdrew every open offer of it; this one is the winner. Answers are
  // stamped with the planning time the phones read them by (the placement stamps the
  // database's clock; `now()` is constant in a transaction, so those are this change's rows)
  await tx.query("update public.job_offers set status = 'accepted', responded_at = $2 where id = $1", [offer.id, now.toISOString()]);
  await tx.query(
    `update public.job_offers set status = 'withdrawn', responded_at = $2
      where job_id = $1 and (status = 'offered' or (status = 'withdrawn' and responded_at = now()))`,
    [offer.job_id, now.toISOString()],
  );
  await tx.query("update public.assignments set auto_assigned = true where job_id = $1 and active", [offer.job_id]);
  await tx.query("update public.jobs set dispatch_state = 'accepted', dispatch_reason = $2 where id = $1", [
    offer.job_id,
    `${actor.name} accepted the broadcast offer first`,
  ]);
  return { outcome: "accepted", workOrder: wo, message: `${wo} is yours.` };
}

/**
 * Tells each technician a job was offered to them: a push message to the
 * installed app, else a text or an email. Runs in the transaction that makes the offers.
 */
export async function notifyOffered(
  tx: Queryable,
  orgId: string,
  job: { id: string; workOrder: string; description: string; customerName: string; city: string | null },
  offers: { technicianId: string; start: string }[],
  company: { name: string; timeZone: string },
  createdBy: string | null,
): Promise<void> {
  if (offers.length === 0) return;
  const contacts = await tx.query<{ id: string; email: string | null; phone: string | null }>(
    "select id, email, phone from public.technicians where id = any($1::uuid[])",
    [offers.map((o) => o.technicianId)],
  );
  for (const o of offers) {
    const tech = contacts.find((c) => c.id === o.technicianId);
    if (!tech) continue;
    const when = formatInZone(o.start, "EEE, MMM d, HH:mm", { timeZone: company.timeZone });
    const text = `${company.name}: job offer ${job.workOrder}, ${job.description || "service visit"} for ${job.customerName}${job.city ? `, ${job.city}` : ""}, ${when}. First to accept in the app gets it.`;
    await queueTechnicianNotice(tx, {
      orgId,
      technician: tech,
      prefer: "push",
      notice: { subject: `Job offer ${job.workOrder}: ${when}`, text, sms: text },
      kind: "job_offer",
      jobId: job.id,
      dedupeKey: `offer:${job.id}:${tech.id}`,
      createdBy,
    });
  }
}
