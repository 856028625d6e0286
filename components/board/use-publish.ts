"use client";

import { useState } from "react";
import { publishDayAction } from "@/app/(app)/schedules/actions";
import type { Say } from "@/components/board/use-board-data";

/** What publishing did, in words, for the banner above the board. */
export interface PublishSummary {
  text: string;
  details: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Publishing the day: the confirmation, the call, and the summary of the notices it
 * sent (or why some could not be sent). The board reloads afterwards: publishing
 * changes every published visit's state.
 */
export function usePublish(date: string, say: Say, reload: () => Promise<boolean>) {
  const [publishAsk, setPublishAsk] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<PublishSummary | null>(null);
  const publish = async () => {
    setPublishing(true);
    let res: Awaited<ReturnType<typeof publishDayAction>>;
    try {
      res = await publishDayAction({ date });
    } catch {
      say("error", "The server could not be reached. Nothing was published.");
      return;
    } finally {
      setPublishing(false);
      setPublishAsk(false);
    }
    if (!res.ok) {
      say("error", res.error.message);
      return;
    }
    const r = res.data;
    const details: string[] = [];
    if (r.unreachableCustomers.length > 0) details.push(`No phone or email for the customers of ${r.unreachableCustomers.join(", ")}.`);
    if (r.unreachableTechnicians.length > 0) details.push(`No phone or email for ${r.unreachableTechnicians.join(", ")}.`);
    setPublished({
      text:
        r.assignments === 0 && r.technicianNotices === 0 && r.customerNotices === 0
          ? "Nothing new to publish: everyone already has the latest schedule."
          : `Published: ${plural(r.assignments, "visit")}, ${plural(r.technicianNotices, "technician notice")}, ${plural(r.customerNotices, "customer notice")}`,
      details,
    });
    await reload();
  };
  return { publishAsk, setPublishAsk, publishing, published, setPublished, publish };
}
