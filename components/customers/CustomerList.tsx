import Link from "next/link";
import type { CustomerPage } from "@/lib/db/customers";
import { INPUT_CLASS } from "@/components/ui/Field";

/** Customers, searched on the server (name, phone, email or a site's address), one page at a time. */
export function CustomerList({ page, q, canEdit }: { page: CustomerPage; q: string; canEdit: boolean }) {
  const href = (n: number) => `/customers?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) }).toString()}`;
  return (
    <div className="space-y-3">
      <form method="get" className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="Search customers">
        <label className="min-w-72 flex-1 text-xs font-medium text-slate-700">
          Search customers
          <input name="q" type="search" defaultValue={q} className={INPUT_CLASS} placeholder="Name, phone, email or address" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
          Search
        </button>
        {canEdit ? (
          <Link href="/customers/new" className="ml-auto rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">
            Add customer
          </Link>
        ) : null}
      </form>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm" aria-label="Customers">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
            <th className="px-3 py-2 font-medium">Name</th>
            <th className="px-3 py-2 font-medium">Phone</th>
            <th className="px-3 py-2 font-medium">Sites</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.items.map((c) => (
            <tr key={c.id} data-testid="customer-row">
              <td className="px-3 py-2">
                <Link href={`/customers/${c.id}`} className="font-medium text-brand-700 underline">
                  {c.name}
                </Link>
                {c.contract ? <span className="ml-2 rounded bg-slate-200 px-1 text-xs">contract</span> : null}
              </td>
              <td className="px-3 py-2 text-xs">{c.phone}</td>
              <td className="px-3 py-2 text-xs">
                {c.sites.map((s) => `${s.label}: ${[s.address, s.city].filter(Boolean).join(", ")}`).join(" · ")}
              </td>
            </tr>
          ))}
          {page.items.length === 0 ? (
            <tr>
              <td colSpan={3} className="px-3 py-6 text-center text-slate-600">
                {q ? `No customer matches “${q}”.` : "No customers yet."}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        {page.page > 1 ? (
          <Link href={href(page.page - 1)} className="text-brand-700 underline">
            Previous page
          </Link>
        ) : null}
        <span className="text-slate-600">Page {page.page}</span>
        {page.hasMore ? (
          <Link href={href(page.page + 1)} className="text-brand-700 underline">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
