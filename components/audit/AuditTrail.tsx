import Link from "next/link";
import { formatAuditTime } from "@/lib/audit/fields";
import { describeChange, type AuditChange } from "@/lib/audit/group";
import type { AuditDescription, AuditNames, AuditRecord } from "@/lib/audit/types";

const ACTION_LABEL = { insert: "added", update: "changed", delete: "removed" } as const;

/**
 * The trail, newest first: one entry per change (when, the change in words, what the
 * app noted), with every row it wrote folded inside.
 */
export function AuditTrail({ changes, names, timeZone, filtered }: { changes: AuditChange[]; names: AuditNames; timeZone: string; filtered: boolean }) {
  if (changes.length === 0) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-slate-500" data-testid="audit-empty">
        {filtered ? "No changes match these filters." : "Nothing has been recorded yet."}
      </p>
    );
  }
  return (
    <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Audit trail, newest first">
      {changes.map((change) => {
        const d = describeChange(change, names, { timeZone });
        const rowCount = d.rows.length + d.hiddenRows;
        return (
          <li
            key={change.key}
            className="flex gap-4 px-4 py-2.5"
            data-testid="audit-entry"
            data-table={d.headline.tableName}
            data-action={d.headline.action}
            data-rows={rowCount}
          >
            <time dateTime={change.at} className="w-32 shrink-0 pt-px text-xs tabular-nums text-slate-600">
              {formatAuditTime(change.at, timeZone)}
            </time>
            <div className="min-w-0 flex-1">
              <p>
                <span data-testid="audit-sentence">{d.sentence}</span>
                {d.notes.map((n) => (
                  <span key={n} className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700" data-testid="audit-note">
                    {n}
                  </span>
                ))}
              </p>
              <details className="group mt-1">
                <summary className="cursor-pointer text-xs text-slate-600 hover:text-slate-800">
                  Details{rowCount > 1 ? ` (${rowCount} records changed)` : ""}
                </summary>
                <ul className="mt-2 space-y-3 text-xs" data-testid="audit-rows">
                  {d.rows.map(({ record, description }) => (
                    <li key={record.id} data-testid="audit-row" data-table={record.tableName} data-action={record.action}>
                      <AuditRowDetails record={record} description={description} />
                    </li>
                  ))}
                  {d.hiddenRows > 0 ? (
                    <li className="text-slate-600">
                      and {d.hiddenRows} more {d.hiddenRows === 1 ? "record" : "records"} changed by the same action
                    </li>
                  ) : null}
                </ul>
              </details>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** One row a change wrote: its own sentence, what the app noted and the field values. */
function AuditRowDetails({ record, description: d }: { record: AuditRecord; description: AuditDescription }) {
  return (
    <div className="space-y-1">
      <p className="text-slate-800" data-testid="audit-row-sentence">{d.sentence}</p>
      <p className="text-slate-600">
        {record.tableName.replace(/_/g, " ")} {ACTION_LABEL[record.action]}
        {record.context ? <> · noted by the app: <code className="rounded bg-slate-100 px-1">{JSON.stringify(record.context)}</code></> : null}
      </p>
      {d.fields.length > 0 ? (
        <table className="w-full max-w-3xl border-collapse">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="w-40 py-1 pr-3 font-medium">Field</th>
              <th scope="col" className="py-1 pr-3 font-medium">Before</th>
              <th scope="col" className="py-1 font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {d.fields.map((f) => (
              <tr key={f.field} className="border-b border-slate-100 align-top last:border-b-0">
                <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-700">{f.label}</th>
                <td className="py-1 pr-3 break-words text-slate-600">{f.before ?? "—"}</td>
                <td className="py-1 break-words">{f.after ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-slate-600">No field values were recorded.</p>
      )}
    </div>
  );
}

/** Newer / older page links that keep the filters. */
export function AuditPager({ page, hasMore, hrefFor }: { page: number; hasMore: boolean; hrefFor: (page: number) => string }) {
  if (page === 1 && !hasMore) return null;
  const link = "rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100";
  const off = "rounded-md border border-slate-200 px-2 py-1 text-slate-600";
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      {page > 1 ? (
        <Link className={link} href={hrefFor(page - 1)} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span className={off}>← Newer</span>
      )}
      <span className="text-slate-500" data-testid="audit-page-number">Page {page}</span>
      {hasMore ? (
        <Link className={link} href={hrefFor(page + 1)} rel="next">
          Older →
        </Link>
      ) : (
        <span className={off}>Older →</span>
      )}
    </nav>
  );
}
