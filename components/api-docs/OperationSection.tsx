import type { FieldRow, OperationView, ParameterRow, ResponseView } from "@/lib/api/reference";
import { CodeBlock, MethodBadge, Prose } from "@/components/api-docs/Prose";
import { TryIt } from "@/components/api-docs/TryIt";

const TH = "px-2 py-1.5 text-left text-xs font-semibold text-slate-700";
const TD = "px-2 py-1.5 align-top [overflow-wrap:anywhere]";
/** Columns a phone folds into the name cell (see {@link PhoneMeta}) to leave room for the words. */
const WIDE = "hidden sm:table-cell";

/** On a phone, the folded columns' values under the name. */
function PhoneMeta({ parts, required }: { parts: string[]; required: boolean }) {
  return (
    <span className="mt-0.5 block font-sans text-xs font-normal sm:hidden">
      {parts.map((p) => (
        <span key={p} className="block font-mono text-slate-700">
          {p}
        </span>
      ))}
      <Required required={required} />
    </span>
  );
}

function Limits({ description, constraints }: { description: string | null; constraints: string[] }) {
  return (
    <>
      {description ? <Prose text={description} /> : null}
      {constraints.length > 0 ? (
        <ul className={`text-xs text-slate-700 ${description ? "mt-0.5" : ""}`}>
          {constraints.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Required({ required }: { required: boolean }) {
  return required ? <span className="font-medium text-red-800">required</span> : <span className="text-slate-600">optional</span>;
}

function ParameterTable({ rows, caption }: { rows: ParameterRow[]; caption: string }) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200">
        <tr>
          <th scope="col" className={TH}>
            Name
          </th>
          <th scope="col" className={`${TH} ${WIDE}`}>
            In
          </th>
          <th scope="col" className={`${TH} ${WIDE}`}>
            Type
          </th>
          <th scope="col" className={`${TH} ${WIDE}`}>
            Required
          </th>
          <th scope="col" className={TH}>
            Description
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((p) => (
          <tr key={`${p.in}:${p.name}`}>
            <th scope="row" className={`${TD} text-left font-mono text-xs font-semibold`}>
              {p.name}
              <PhoneMeta parts={[`${p.in}, ${p.type}`]} required={p.required} />
            </th>
            <td className={`${TD} ${WIDE} text-xs`}>{p.in}</td>
            <td className={`${TD} ${WIDE} font-mono text-xs`}>{p.type}</td>
            <td className={`${TD} ${WIDE} text-xs`}>
              <Required required={p.required} />
            </td>
            <td className={TD}>
              <Limits description={p.description} constraints={p.constraints} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A schema's fields; nested fields are indented under their parent and keep the dotted name. */
export function FieldTable({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200">
        <tr>
          <th scope="col" className={TH}>
            Field
          </th>
          <th scope="col" className={`${TH} ${WIDE}`}>
            Type
          </th>
          <th scope="col" className={`${TH} ${WIDE}`}>
            Required
          </th>
          <th scope="col" className={TH}>
            Description
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row" className={`${TD} text-left font-mono text-xs font-semibold`} style={{ paddingLeft: `${0.5 + r.depth * 0.75}rem` }}>
              {r.name}
              <PhoneMeta parts={[r.type]} required={r.required} />
            </th>
            <td className={`${TD} ${WIDE} font-mono text-xs`}>{r.type}</td>
            <td className={`${TD} ${WIDE} text-xs`}>
              <Required required={r.required} />
            </td>
            <td className={TD}>
              <Limits description={r.description} constraints={r.constraints} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SuccessResponse({ r, opId }: { r: ResponseView; opId: string }) {
  return (
    <div className="rounded-md border border-slate-200" data-testid={`response-${r.status}`}>
      <p className="flex flex-wrap items-baseline gap-x-2 border-b border-slate-200 bg-slate-50 px-3 py-1.5">
        <span className="font-mono font-semibold text-emerald-900">{r.status}</span>
        <span>
          <Prose text={r.description} />
        </span>
        {r.contentType ? <span className="font-mono text-xs text-slate-700">{r.contentType}</span> : null}
      </p>
      {r.headers.length > 0 ? (
        <p className="px-3 pt-1.5 text-xs text-slate-700">
          Headers:{" "}
          {r.headers.map((h, i) => (
            <span key={h.name}>
              {i > 0 ? "; " : ""}
              <span className="font-mono">{h.name}</span> — {h.description}
            </span>
          ))}
        </p>
      ) : null}
      {r.rows.length > 0 ? (
        <details className="px-3 py-1.5">
          <summary className="cursor-pointer text-xs font-medium text-brand-700">
            Fields of {r.schemaName ?? "the answer"} ({r.rows.length})
          </summary>
          <FieldTable rows={r.rows} caption={`Fields of the ${r.status} answer of ${opId}`} />
        </details>
      ) : r.contentType === "text/csv" ? (
        <p className="px-3 py-1.5 text-xs text-slate-700">A CSV file with a header row.</p>
      ) : null}
    </div>
  );
}

/** One operation: what it does, what it takes and answers, an example, and a form to try it. */
export function OperationSection({ op, baseUrl }: { op: OperationView; baseUrl: string }) {
  const titleId = `${op.id}-title`;
  const successes = op.responses.filter((r) => r.schemaName !== "Problem");
  const failures = op.responses.filter((r) => r.schemaName === "Problem");
  const example = successes.find((r) => r.example);
  return (
    <section id={op.id} aria-labelledby={titleId} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white" data-testid="operation">
      <header className="border-b border-slate-200 px-3 py-3 sm:px-4">
        <h3 id={titleId} className="text-base font-semibold">
          {op.summary}
        </h3>
        <p className="mt-1 flex flex-wrap items-center gap-2">
          <MethodBadge method={op.method} />
          <code className="font-mono text-sm [overflow-wrap:anywhere]">/api/v1{op.path}</code>
        </p>
      </header>
      <div className="grid gap-6 p-3 sm:p-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-4">
          {op.description ? (
            <p className="text-slate-800">
              <Prose text={op.description} />
            </p>
          ) : null}
          {op.scope ? (
            <p className="text-slate-800">
              Needs a key with <strong>{op.scope === "write" ? "read and write" : "read"}</strong> scope (<code className="font-mono">{op.scope}</code>).
            </p>
          ) : null}
          {op.parameters.length > 0 ? (
            <div>
              <h4 className="mb-1 text-sm font-semibold">Parameters</h4>
              <ParameterTable rows={op.parameters} caption={`Parameters of ${op.summary}`} />
            </div>
          ) : null}
          {op.body ? (
            <div>
              <h4 className="mb-1 text-sm font-semibold">
                Request body <span className="font-mono text-xs font-normal text-slate-700">{op.body.contentType}</span>
              </h4>
              <FieldTable rows={op.body.rows} caption={`Request body of ${op.summary}`} />
            </div>
          ) : null}
          <div>
            <h4 className="mb-1 text-sm font-semibold">Responses</h4>
            <div className="space-y-2">
              {successes.map((r) => (
                <SuccessResponse key={r.status} r={r} opId={op.id} />
              ))}
            </div>
            {failures.length > 0 ? (
              <table className="mt-2 w-full border-collapse text-sm">
                <caption className="px-2 py-1 text-left text-xs text-slate-700">
                  Errors, each <code className="font-mono">application/problem+json</code> (see <a href="#errors" className="text-brand-700 underline">Errors</a>)
                </caption>
                <thead className="border-b border-slate-200">
                  <tr>
                    <th scope="col" className={TH}>
                      Status
                    </th>
                    <th scope="col" className={TH}>
                      When
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {failures.map((r) => (
                    <tr key={r.status}>
                      <th scope="row" className={`${TD} w-16 text-left font-mono text-xs font-semibold text-red-800`}>
                        {r.status}
                      </th>
                      <td className={TD}>
                        <Prose text={r.description} />
                        {r.headers.length > 0 ? <span className="text-xs text-slate-700"> ({r.headers.map((h) => `${h.name}: ${h.description}`).join("; ")})</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        </div>
        <div className="min-w-0 space-y-4">
          <div>
            <h4 className="mb-1 text-sm font-semibold">Example request</h4>
            <CodeBlock testId="example-request">{op.curl}</CodeBlock>
          </div>
          {example ? (
            <div>
              <h4 className="mb-1 text-sm font-semibold">Example response ({example.status})</h4>
              <CodeBlock>{example.example!}</CodeBlock>
            </div>
          ) : null}
          <details className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <summary className="cursor-pointer font-medium text-brand-700">Try it</summary>
            <div className="mt-3">
              <TryIt operationId={op.id} method={op.method} path={op.path} parameters={op.parameters} bodyExample={op.body ? op.body.example : null} baseUrl={baseUrl} />
            </div>
          </details>
        </div>
      </div>
    </section>
  );
}
