/** The <option> lists several forms share. */
import type { CustomerOption, TechnicianOption } from "@/lib/db/lookups";
import { PRIORITY_LABEL } from "@/lib/board-format";

export function CustomerOptions({ customers }: { customers: CustomerOption[] }) {
  return customers.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name}
      {c.city ? ` — ${c.city}` : ""}
      {c.contract ? " (contract)" : ""}
    </option>
  ));
}

export function PriorityOptions({ tiers = [1, 2, 3, 4] }: { tiers?: (1 | 2 | 3 | 4)[] }) {
  return tiers.map((p) => (
    <option key={p} value={p}>
      {PRIORITY_LABEL[p]}
    </option>
  ));
}

export function TechnicianOptions({ technicians }: { technicians: TechnicianOption[] }) {
  return technicians.map((t) => (
    <option key={t.id} value={t.id}>
      {t.name}
    </option>
  ));
}
