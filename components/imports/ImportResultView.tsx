import type { CsvError } from "@/lib/csv/csv-core";
import type { CsvImportResult } from "@/lib/db/import-run";

const COUNT_LABEL: Record<string, string> = {
  technicians: "Technicians",
  customers: "Customers",
  jobs: "Jobs",
  assignments: "Assignments",
  rules: "Rules",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Jobs: 2 created, 1 updated, 0 unchanged · Assignments: …" */
export function countsSentence(result: Pick<CsvImportResult, "counts">): string {
  return Object.entries(result.counts)
    .map(([k, c]) => `${COUNT_LABEL[k] ?? k}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`)
    .join(" · ");
}

function Counts({ result, preview }: { result: CsvImportResult; preview: boolean }) {
  return (
    <table className="text-left text-xs" data-testid="import-counts">
      <caption className="mb-1 text-left text-xs font-medium text-slate-700">{preview ? "What the import would do" : "What the import did"}</caption>
      <thead className="text-slate-500">
        <tr>
          <th scope="col" className="py-1 pr-4 font-medium" />
          <th scope="col" className="py-1 pr-4 font-medium">{preview ? "Would create" : "Created"}</th>
          <th scope="col" className="py-1 pr-4 font-medium">{preview ? "Would update" : "Updated"}</th>
          <th scope="col" className="py-1 pr-4 font-medium">Unchanged</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(result.counts).map(([k, c]) => (
          <tr key={k} data-testid="import-count" data-kind={k}>
            <th scope="row" className="py-0.5 pr-4 font-medium">{COUNT_LABEL[k] ?? k}</th>
            <td className="py-0.5 pr-4 tabular-nums" data-testid="count-created">{c.created}</td>
            <td className="py-0.5 pr-4 tabular-nums" data-testid="count-updated">{c.updated}</td>
            <td className="py-0.5 pr-4 tabular-nums" data-testid="count-unchanged">{c.unchanged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Problems({ title, items, tone, testId }: { title: string; items: CsvError[]; tone: "error" | "warning" | "note"; testId: string }) {
  if (items.length === 0) return null;
  const cls = tone === "error" ? "border-red-200 bg-red-50 text-red-900" : tone === "warning" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-slate-200 bg-slate-50 text-slate-800";
  return (
    <div className={`overflow-x-auto rounded-md border ${cls}`}>
      <table className="w-full text-left text-xs" data-testid={testId}>
        <caption className="px-3 pt-2 text-left font-medium">{title}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-3 py-1 font-medium">Row</th>
            <th scope="col" className="px-3 py-1 font-medium">Column</th>
            <th scope="col" className="px-3 py-1 font-medium">{tone === "note" ? "Decided" : "Problem"}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e, i) => (
            <tr key={i} data-testid={`${testId}-row`} data-row={e.row} data-column={e.column ?? ""}>
              <td className="px-3 py-0.5 tabular-nums">{e.row}</td>
              <td className="px-3 py-0.5 font-mono">{e.column ?? "—"}</td>
              <td className="px-3 py-0.5">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Rows({ result, errors }: { result: CsvImportResult; errors: CsvError[] }) {
  const { columns, records } = result.table;
  if (records.length === 0) return null;
  const bad = new Set(errors.map((e) => `${e.row}:${e.column ?? ""}`));
  const badRows = new Set(errors.map((e) => e.row));
  return (
    <div className="space-y-1">
      <div className="text-xs text-slate-500">
        {records.length < result.rowCount ? `The first ${records.length} of ${result.rowCount} rows, as read` : `${plural(result.rowCount, "row")}, as read`}
      </div>
      <div className="max-h-96 overflow-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-xs" data-testid="import-rows">
          <thead className="sticky top-0 border-b border-slate-200 bg-slate-50 text-slate-500">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">Row</th>
              {columns.map((c) => (
                <th key={c} scope="col" className="whitespace-nowrap px-2 py-1.5 font-mono font-medium">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {records.map((r) => (
              <tr key={r.row} className={badRows.has(r.row) ? "bg-red-50" : undefined} data-testid="import-row" data-row={r.row}>
                <td className="px-2 py-1 tabular-nums text-slate-500">{r.row}</td>
                {columns.map((c) => (
                  <td key={c} className={`max-w-48 truncate px-2 py-1 ${bad.has(`${r.row}:${c}`) ? "font-medium text-red-800 underline decoration-red-400 decoration-wavy" : ""}`} title={r.cells[c]}>
                    {r.cells[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A preview or the outcome of an import: counts, problems, what rules decided, and the rows as read. */
export function ImportResultView({ result, preview }: { result: CsvImportResult; preview: boolean }) {
  return (
    <section aria-label={preview ? "Preview" : "Import result"} className="space-y-3">
      <Counts result={result} preview={preview} />
      <Problems
        title={`${plural(result.errors.length, "problem")}: nothing ${preview ? "will be" : "was"} imported until ${result.errors.length === 1 ? "it is" : "they are"} fixed`}
        items={result.errors}
        tone="error"
        testId="import-errors"
      />
      <Problems title="Warnings (the import keeps these rows)" items={result.warnings} tone="warning" testId="import-warnings" />
      <Problems title="Decided by your priority and SLA rules" items={result.notes} tone="note" testId="import-notes" />
      <Rows result={result} errors={result.errors} />
    </section>
  );
}
