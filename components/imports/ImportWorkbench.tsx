"use client";

import { useMemo, useState } from "react";
import type { CsvImportResult } from "@/lib/db/import-run";
import { IMPORT_KINDS, MAX_IMPORT_ROWS, type ImportKind } from "@/lib/schemas/imports";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { ImportResultView, countsSentence } from "@/components/imports/ImportResultView";
import { KIND_INFO, decodeCsvBytes, templateFor } from "@/components/imports/import-kinds";
import { progressLabel, useImportUpload } from "@/components/imports/use-import-upload";

type Shown = { mode: "preview" | "import"; result: CsvImportResult; key: string };

const BUTTON = "rounded-md px-3 py-1.5 font-medium disabled:opacity-60";

export function ImportWorkbench({ isAdmin, timeZone }: { isAdmin: boolean; timeZone: string }) {
  const kinds = IMPORT_KINDS.filter((k) => isAdmin || !KIND_INFO[k].adminOnly);
  const [kind, setKind] = useState<ImportKind>("board");
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { upload, progress, busy } = useImportUpload();
  const pending = busy !== null;
  const key = `${kind}\n${text}`;
  const previewIsCurrent = shown?.mode === "preview" && shown.key === key;
  const canImport = previewIsCurrent && shown.result.errors.length === 0 && !pending;
  const template = useMemo(() => templateFor(kind), [kind]);
  const templateHref = useMemo(() => `data:text/csv;charset=utf-8,${encodeURIComponent(template.text)}`, [template]);

  function changed() {
    setMessage(null);
  }

  async function chooseFile(file: File | undefined) {
    changed();
    if (!file) return;
    const content = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    setFileName(file.name);
    setText(content);
  }

  async function send(mode: "preview" | "import") {
    const sentKey = key;
    const r = await upload(kind, mode, text);
    if (!r.ok) {
      setMessage(r.message);
      return;
    }
    changed();
    setShown({ mode, result: r.data, key: sentKey });
  }

  const info = KIND_INFO[kind];
  const imported = shown?.mode === "import" ? shown.result : null;

  return (
    <section aria-labelledby="import-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="import-heading" className="font-semibold">
        Import a CSV file
      </h2>
      {message ? <Banner kind="error">{message}</Banner> : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <Field id="import-kind" label="The file holds">
            <select
              id="import-kind"
              className={INPUT_CLASS}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                changed();
              }}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {KIND_INFO[k].label}
                </option>
              ))}
            </select>
          </Field>
          <div className="space-y-1 text-xs text-slate-600">
            <p>
              <span className="font-medium text-slate-700">Columns:</span> {info.columns}. Headers in any case; , or ; between cells.
            </p>
            <p>
              Rows are matched by {info.matchedBy}: importing the same file twice changes nothing. Times are {timeZone} local
              (&quot;2026-11-23 09:30&quot;) or ISO 8601.
            </p>
            <a href={templateHref} download={template.filename} className="inline-block text-brand-700 underline">
              Download a blank {info.label.toLowerCase()} file
            </a>
          </div>
          <Field id="import-file" label="CSV file" hint={fileName ? `Read ${fileName}.` : "Or paste the CSV below."}>
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv,text/plain"
              className="mt-1 block w-full text-xs file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2.5 file:py-1"
              onChange={(e) => void chooseFile(e.target.files?.[0])}
            />
          </Field>
        </div>
        <Field id="import-csv" label="CSV" hint={`Up to ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows a file; larger files can be split.`}>
          <textarea
            id="import-csv"
            rows={10}
            spellCheck={false}
            className={`${INPUT_CLASS} font-mono text-xs`}
            value={text}
            placeholder={template.text.replace(/^\uFEFF/, "")}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
              changed();
            }}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={() => void send("preview")} disabled={pending || text.trim() === ""} className={`${BUTTON} border border-slate-300 bg-white hover:bg-slate-100`}>
          {busy === "preview" ? "Checking…" : "Preview"}
        </button>
        <button type="button" onClick={() => void send("import")} disabled={!canImport} className={`${BUTTON} bg-brand-600 text-white hover:bg-brand-700`}>
          {busy === "import" ? "Importing…" : "Import"}
        </button>
        <span className="text-xs text-slate-500">
          {previewIsCurrent
            ? shown.result.errors.length > 0
              ? "Fix the rows below and preview again."
              : "All or nothing: every row is imported, or none."
            : "Preview first: it checks every row without changing anything."}
        </span>
      </div>

      {progress ? (
        <div className="space-y-1" data-testid="import-progress">
          <label htmlFor="import-progress-bar" className="block text-xs text-slate-700">
            {progressLabel(progress)}
          </label>
          <progress id="import-progress-bar" className="h-2 w-full max-w-md" max={Math.max(progress.total, 1)} value={progress.done}>
            {progressLabel(progress)}
          </progress>
        </div>
      ) : null}
      {imported ? (
        imported.applied ? (
          <div data-testid="import-result">
            <Banner kind="success">Imported. {countsSentence(imported)}.</Banner>
          </div>
        ) : (
          <div data-testid="import-result">
            <Banner kind="error">Nothing was imported: the file has problems (listed below). Fix them and preview again.</Banner>
          </div>
        )
      ) : null}
      {shown && shown.key === key ? <ImportResultView result={shown.result} preview={shown.mode === "preview"} /> : null}
    </section>
  );
}
