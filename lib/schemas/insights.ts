/**
 * The /insights page's query string and the calendar period it stands for.
 */
import { z } from "zod";
import { DateParam } from "@/lib/schemas/board";
import { addDays, weekdayOf } from "@/lib/time/calendar-date";

export const PERIODS = ["today", "week", "4weeks", "custom"] as const;
export type PeriodKind = (typeof PERIODS)[number];

/** Longest custom period, in days: a quarter. */
export const MAX_PERIOD_DAYS = 92;

/** An empty form field (the period form sends every field) means "not given". */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema);

export const InsightsParams = z.object({
  period: blank(z.enum(PERIODS, { error: "Choose today, this week, last 4 weeks or custom." }).default("4weeks")),
  from: blank(DateParam.optional()),
  to: blank(DateParam.optional()),
  technician: blank(z.uuid({ error: "Not a valid technician." }).optional()),
});
export type InsightsParamsValues = z.infer<typeof InsightsParams>;

export interface ResolvedPeriod {
  kind: PeriodKind;
  from: string;
  to: string;
  label: string;
  /** Why a custom period was not used as asked, for the page to say. */
  problem: string | null;
}

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * The dates (inclusive, in the company's calendar) a period means on `today`.
 * A custom period that is backwards or too long falls back to the last four weeks
 * and says why.
 *
 * @example resolvePeriod({ period: "week" }, "2026-11-26") // { from: "2026-11-23", to: "2026-11-29", … }
 */
export function resolvePeriod(p: Pick<InsightsParamsValues, "period" | "from" | "to">, today: string): ResolvedPeriod {
  const fourWeeks = (problem: string | null): ResolvedPeriod => ({
    kind: problem ? "custom" : "4weeks",
    from: addDays(today, -27),
    to: today,
    label: "Last 4 weeks",
    problem,
  });
  switch (p.period) {
    case "today":
      return { kind: "today", from: today, to: today, label: "Today", problem: null };
    case "week": {
      const monday = addDays(today, 1 - weekdayOf(today));
      return { kind: "week", from: monday, to: addDays(monday, 6), label: "This week", problem: null };
    }
    case "custom": {
      if (!p.from || !p.to) return fourWeeks("Choose both a first and a last day for a custom period.");
      if (p.to < p.from) return fourWeeks("The last day is before the first day.");
      if (daysBetween(p.from, p.to) + 1 > MAX_PERIOD_DAYS) return fourWeeks(`A custom period is at most ${MAX_PERIOD_DAYS} days.`);
      return { kind: "custom", from: p.from, to: p.to, label: `${p.from} to ${p.to}`, problem: null };
    }
    default:
      return fourWeeks(null);
  }
}
