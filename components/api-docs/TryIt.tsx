"use client";

import { useState } from "react";
import type { ParameterRow } from "@/lib/api/reference";
import { prettyBody, problemWords, tryItRequest, valueKey } from "@/lib/api/try-it";
import { useApiKey } from "@/components/api-docs/ApiKeyContext";
import { Banner, INPUT_CLASS } from "@/components/ui/Field";

export interface TryItProps {
  operationId: string;
  method: string;
  path: string;
  parameters: ParameterRow[];
  /** The example body the textarea starts with; null when the operation takes no body. */
  bodyExample: string | null;
  baseUrl: string;
}

interface Answer {
  requestLine: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  problem: string[];
}

const newIdempotencyKey = (): string => crypto.randomUUID();

/** Sends one operation to this Crewboard with the key typed on the page, and shows the answer. */
export function TryIt({ operationId, method, path, parameters, bodyExample, baseUrl }: TryItProps) {
  const { apiKey, setApiKey } = useApiKey();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(parameters.filter((p) => p.defaultValue !== null && p.in === "query").map((p) => [valueKey(p), p.defaultValue!])),
  );
  const [body, setBody] = useState(bodyExample ?? "");
  const [problems, setProblems] = useState<string[]>([]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [sending, setSending] = useState(false);
  const id = (what: string) => `try-${operationId}-${what}`;
  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function send(event: React.FormEvent) {
    event.preventDefault();
    // an Idempotency-Key left empty gets a fresh one, as a client library would make
    const filled = { ...values };
    const idem = parameters.find((p) => p.in === "header" && p.name === "Idempotency-Key");
    if (idem && !(filled[valueKey(idem)] ?? "").trim()) {
      filled[valueKey(idem)] = newIdempotencyKey();
      setValues(filled);
    }
    const built = tryItRequest({ method, path, parameters, values: filled, apiKey, body: bodyExample === null ? null : body }, baseUrl);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    setSending(true);
    try {
      const res = await fetch(built.request.url, { ...built.request.init, cache: "no-store", credentials: "omit" });
      const text = await res.text();
      const type = res.headers.get("content-type");
      let problem: string[] = [];
      if (type?.includes("problem+json")) {
        try {
          problem = problemWords(JSON.parse(text));
        } catch {
          problem = [`The server answered ${res.status} without a readable problem.`];
        }
      }
      const headers: [string, string][] = [];
      res.headers.forEach((value, name) => headers.push([name, value]));
      setAnswer({ requestLine: `${method} ${built.request.url}`, status: res.status, statusText: res.statusText, headers, body: prettyBody(text, type), problem });
    } catch (err) {
      setAnswer(null);
      setProblems([`The request did not reach Crewboard (${err instanceof Error ? err.message : String(err)}). Check that the server is running and try again.`]);
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={send} noValidate className="space-y-3" aria-label={`Try ${method} ${path}`}>
      <div>
        <label htmlFor={id("key")} className="block text-xs font-medium text-slate-700">
          API key
        </label>
        <input
          id={id("key")}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          placeholder="cb_…"
          aria-describedby={id("key-hint")}
          className={`${INPUT_CLASS} font-mono`}
        />
        <p id={id("key-hint")} className="mt-0.5 text-xs text-slate-600">
          Kept in this page only, for every form on it; never stored. It is gone when you reload.
        </p>
      </div>
      {parameters.map((p) => {
        const key = valueKey(p);
        const fieldId = id(`${p.in}-${p.name}`);
        return (
          <div key={key}>
            <label htmlFor={fieldId} className="block text-xs font-medium text-slate-700">
              <span className="font-mono">{p.name}</span> <span className="font-normal text-slate-600">({p.in}, {p.required ? "required" : "optional"})</span>
            </label>
            {p.enumValues ? (
              <select id={fieldId} value={values[key] ?? ""} onChange={(e) => set(key, e.target.value)} className={INPUT_CLASS}>
                <option value="">{p.required ? "Choose…" : "(not sent)"}</option>
                {p.enumValues.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            ) : (
              <div className={p.name === "Idempotency-Key" ? "flex items-end gap-2" : undefined}>
                <input
                  id={fieldId}
                  value={values[key] ?? ""}
                  onChange={(e) => set(key, e.target.value)}
                  spellCheck={false}
                  autoComplete="off"
                  placeholder={p.name === "If-Match" ? '"v3"' : p.name === "Idempotency-Key" ? "made for you when empty" : undefined}
                  className={`${INPUT_CLASS} font-mono`}
                />
                {p.name === "Idempotency-Key" ? (
                  <button type="button" onClick={() => set(key, newIdempotencyKey())} className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-800 hover:bg-slate-50">
                    New key
                  </button>
                ) : null}
              </div>
            )}
          </div>
        );
      })}
      {bodyExample !== null ? (
        <div>
          <label htmlFor={id("body")} className="block text-xs font-medium text-slate-700">
            Body (JSON)
          </label>
          <textarea id={id("body")} value={body} onChange={(e) => setBody(e.target.value)} rows={Math.min(14, Math.max(4, body.split("\n").length + 1))} spellCheck={false} className={`${INPUT_CLASS} font-mono text-xs`} />
        </div>
      ) : null}
      {problems.length > 0 ? (
        <Banner kind="error">
          <ul className="list-disc pl-4">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <button type="submit" disabled={sending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {sending ? "Sending…" : "Send"}
      </button>
      <div aria-live="polite">
        {answer ? (
          <div className="space-y-2" data-testid="try-it-answer">
            <p className="text-xs text-slate-700">
              <span className="font-mono [overflow-wrap:anywhere]">{answer.requestLine}</span>
            </p>
            <p className="font-medium">
              Answer:{" "}
              <span className={answer.status < 400 ? "text-emerald-800" : "text-red-800"} data-testid="try-it-status">
                {answer.status} {answer.statusText}
              </span>
            </p>
            {answer.problem.length > 0 ? (
              <ul className="list-disc pl-5 text-red-800">
                {answer.problem.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
            <details>
              <summary className="cursor-pointer text-xs font-medium text-slate-700">Headers ({answer.headers.length})</summary>
              <dl className="mt-1 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 text-xs">
                {answer.headers.map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="font-mono text-slate-700">{name}</dt>
                    <dd className="font-mono [overflow-wrap:anywhere]">{value}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <pre className="max-h-96 overflow-y-auto whitespace-pre-wrap rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100 [overflow-wrap:anywhere]" tabIndex={0} role="region" aria-label="Answer body" data-testid="try-it-body">
              {answer.body || "(empty body)"}
            </pre>
          </div>
        ) : null}
      </div>
    </form>
  );
}
