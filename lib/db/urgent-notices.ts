/**
 * Who hears about an approved urgent option: the urgent customer gets an arrival
 * window, and every technician whose day the option changes gets that day again.
 */
import type { Queryable } from "@/lib/db/client";
import { loadBoardDay, type BoardJob, type CompanySettings } from "@/lib/db/board";
import { promisedWindow, queueCustomerNotice, siteOf } from "@/lib/db/customer-notices";
import { queueTechnicianDays } from "@/lib/db/publish";
import type { StoredOption, UrgentActor } from "@/lib/db/urgent-requests";
import { wallClock } from "@/lib/time/zoned-time";
import { composeArrivalWindow } from "@/lib/notify/customer-messages";

/** Queues the urgent customer's arrival window (once per request); true when a notice was queued. */
export async function tellUrgentCustomer(
  tx: Queryable,
  actor: UrgentActor,
  company: CompanySettings,
  urgentJob: BoardJob,
  shown: StoredOption,
  requestId: string,
): Promise<boolean> {
  const arrival = composeArrivalWindow({
    companyName: company.name,
    timeZone: company.timeZone,
    customerName: urgentJob.customerName,
    workOrder: urgentJob.workOrder,
    address: siteOf(urgentJob),
    description: urgentJob.description,
    technicianName: shown.technicianName,
    window: promisedWindow(shown.urgentStart),
    change: "new",
  });
  return Boolean(
    await queueCustomerNotice(tx, { orgId: actor.orgId, createdBy: actor.userId, job: urgentJob, notice: arrival, kind: "arrival_window", prefer: "sms", dedupeKey: `urgent:${requestId}:customer` }),
  );
}

/**
 * Queues the updated day of every technician the option touches (the urgent job's
 * technician, and each bumped visit's old and new one), for every day it touches.
 * Returns how many notices were queued.
 */
export async function tellAffectedTechnicians(tx: Queryable, actor: UrgentActor, company: CompanySettings, shown: StoredOption, requestId: string): Promise<number> {
  const byDate = new Map<string, Set<string>>();
  const add = (iso: string, tech: string) => {
    const date = wallClock(new Date(iso), company.timeZone).date;
    if (!byDate.has(date)) byDate.set(date, new Set());
    byDate.get(date)!.add(tech);
  };
  add(shown.urgentStart, shown.technicianId);
  for (const b of shown.bumped) {
    add(b.old.start, b.old.leaderId);
    if (b.next) add(b.next.start, b.next.leaderId);
  }
  let technicianNotices = 0;
  for (const [date, techs] of byDate) {
    const day = await loadBoardDay(tx, actor.orgId, date);
    if (!day) continue;
    const told = await queueTechnicianDays(tx, actor, day, [...techs], `urgent:${requestId}:${date}`, () => true);
    technicianNotices += told.sent;
  }
  return technicianNotices;
}
