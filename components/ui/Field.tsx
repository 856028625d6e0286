/** A labelled form field with its error message, wired for screen readers. */
export const INPUT_CLASS =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 shadow-sm focus:border-brand-500 aria-[invalid=true]:border-red-500";

export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string[];
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700">
          {error[0]}
        </p>
      ) : null}
    </div>
  );
}

export function Banner({ kind, children }: { kind: "error" | "success" | "info"; children: React.ReactNode }) {
  const cls =
    kind === "error"
      ? "border-red-200 bg-red-50 text-red-800"
      : kind === "success"
        ? "border-emerald-200 bg-emerald-50 text-emerald-900"
        : "border-slate-200 bg-slate-50 text-slate-800";
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 ${cls}`}>
      {children}
    </div>
  );
}

export function NotAllowed({ what }: { what: string }) {
  return (
    <main className="p-6">
      <Banner kind="error">Your role cannot open {what}. Ask an administrator if you need it.</Banner>
    </main>
  );
}
