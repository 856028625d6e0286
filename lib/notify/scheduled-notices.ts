/**
 * Work done on a clock rather than by a change: visit reminders, evening
 * summaries, each company's morning export, and the daily top-up of recurring
 * series (their visits made up to their horizon). The outbox worker runs this at
 * the start of every round on every app instance; each kind carries its own
 * unique key (per visit, per technician and day, per company and day), so
 * however many instances run it, each is done once.
 */
import type { Db } from "@/lib/db/client";
import { queueDueMorningExports } from "@/lib/db/morning-export";
import { queueDueReminders } from "@/lib/db/reminders";
import { topUpDueSeries } from "@/lib/db/series-top-up";

/**
 * Queues whatever is due at `at`. One kind failing does not keep the other from
 * running; the first failure is rethrown afterwards so the worker logs it.
 *
 * @example
 * startNotifyWorker(getDb, { beforeRound: (db) => queueScheduledNotices(db, now()) });
 */
export async function queueScheduledNotices(db: Db, at: Date, log: Pick<Console, "info"> = console): Promise<void> {
  const failures: unknown[] = [];
  try {
    await queueDueReminders(db, at);
  } catch (err) {
    failures.push(err);
  }
  try {
    const queued = await queueDueMorningExports(db, at);
    for (const q of queued) log.info(`[notify] morning export for ${q.date} queued: ${q.rows} jobs to ${q.recipients} people`);
  } catch (err) {
    failures.push(err);
  }
  try {
    const topped = await topUpDueSeries(db, at);
    for (const t of topped) log.info(`[schedule] recurring series topped up for ${t.date}: ${t.visits.length} visits from ${t.series} series`);
  } catch (err) {
    failures.push(err);
  }
  if (failures.length > 0) throw failures[0];
}
