"use client";

import { useMemo } from "react";
import { toCsv, type CsvCell } from "@/lib/csv/csv-core";

export interface ChartTable {
  header: string[];
  rows: CsvCell[][];
}

/**
 * One chart with its numbers: the chart (a picture for sighted readers), the same
 * numbers as a table, and the table as a CSV file to download.
 */
export function ChartCard({
  id,
  title,
  description,
  table,
  fileName,
  children,
  tableOpen = false,
}: {
  id: string;
  title: string;
  description: string;
  table: ChartTable;
  fileName: string;
  children: React.ReactNode;
  tableOpen?: boolean;
}) {
  const href = useMemo(() => `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(table.header, table.rows))}`, [table]);
  return (
    <figure aria-labelledby={`${id}-title`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid={`chart-${id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <figcaption>
          <h2 id={`${id}-title`} className="text-sm font-semibold">
            {title}
          </h2>
          <p className="text-xs text-slate-600">{description}</p>
        </figcaption>
        <a href={href} download={fileName} className="rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-100">
          Download CSV<span className="sr-only"> of {title}</span>
        </a>
      </div>
      {children}
      <details open={tableOpen}>
        <summary className="cursor-pointer text-xs text-slate-700">Table of {title.toLowerCase()}</summary>
        {/* a long table scrolls inside the card: it takes focus so the keyboard can scroll it */}
        <div className="mt-1 max-h-72 overflow-auto" tabIndex={0} role="region" aria-label={`${title} table, scrollable`}>
          <table className="w-full text-left text-xs" aria-label={`${title} table`}>
            <thead className="sticky top-0 bg-slate-50">
              <tr>
                {table.header.map((h) => (
                  <th key={h} scope="col" className="px-2 py-1 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {r.map((c, j) => (
                    <td key={j} className="px-2 py-0.5 tabular-nums">
                      {c === null || c === undefined ? "–" : String(c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
