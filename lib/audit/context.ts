/** What the application said about a change (its audit context), as short notes. */
import { truncate } from "@/lib/audit/fields";
import type { Json } from "@/lib/audit/types";

const SOURCES: Record<string, string> = {
  import: "via CSV import",
  csv: "via CSV import",
  api: "via the API",
  engine: "by the scheduling engine",
  auto_dispatch: "by automatic dispatch",
  portal: "via the customer portal",
};

/**
 * What the application recorded about a change, in words.
 *
 * @example describeContext({ undo: true, notify_customer: false }) // ["(undo)", "customer not notified"]
 */
export function describeContext(context: Json | null | undefined): string[] {
  if (!context) return [];
  const notes: string[] = [];
  for (const [key, value] of Object.entries(context)) {
    if (value === null || value === undefined) continue;
    switch (key) {
      case "undo":
        if (value === true) notes.push("(undo)");
        break;
      case "correction":
        // a visit status a dispatcher set out of the crew's order
        if (value === true) notes.push("dispatcher's correction");
        break;
      case "notify_customer":
        notes.push(value ? "customer notified" : "customer not notified");
        break;
      case "reason":
        notes.push(`reason: “${truncate(String(value))}”`);
        break;
      case "override_reason":
        notes.push(`SLA override: “${truncate(String(value))}”`);
        break;
      // the change in words is the sentence of its main row; the rest is bookkeeping
      case "summary":
      case "kind":
      case "publication_id":
      // rows of one change are shown together already
      case "change_id":
      case "optimisation_id":
        break;
      case "source":
      case "via":
        notes.push(SOURCES[String(value)] ?? `via ${String(value).replace(/_/g, " ")}`);
        break;
      default:
        notes.push(`${key.replace(/_/g, " ")}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
    }
  }
  return notes;
}
