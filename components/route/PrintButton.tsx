"use client";

/** Opens the browser's print dialog for the page (the route plan prints without the app's chrome). */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="crewboard-no-print inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-[13px] text-slate-700 hover:bg-slate-100"
    >
      {label}
    </button>
  );
}
