/** Text from the OpenAPI document with its `code` spans (the one markdown it uses) as code. */
export function Prose({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em] text-slate-900">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

const METHOD_CLASS: Record<string, string> = {
  GET: "bg-emerald-100 text-emerald-900",
  POST: "bg-blue-100 text-blue-900",
  PATCH: "bg-amber-100 text-amber-900",
  PUT: "bg-amber-100 text-amber-900",
  DELETE: "bg-red-100 text-red-900",
};

/** An HTTP method as a small coloured label (the word itself says it; the colour only helps). */
export function MethodBadge({ method }: { method: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 font-mono text-xs font-semibold ${METHOD_CLASS[method] ?? "bg-slate-100 text-slate-900"}`}>{method}</span>;
}

/** A code block that wraps instead of scrolling, so a phone reads it whole. */
export function CodeBlock({ children, testId }: { children: string; testId?: string }) {
  return (
    <pre data-testid={testId} className="whitespace-pre-wrap rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 [overflow-wrap:anywhere]">
      <code>{children}</code>
    </pre>
  );
}
