"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { previewRuleAction, removeRuleAction, saveRuleAction } from "@/app/(app)/settings/rules/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { PriorityOptions } from "@/components/ui/Options";
import { PRIORITY_LABEL } from "@/lib/board-format";
import type { AffectedJob, RuleWithResponse } from "@/lib/db/rules";

const KIND_TEXT = {
  contract_customer: "Customers with a service contract",
  skill: "Jobs needing a skill",
  keyword: "Jobs mentioning a word",
  customer: "One customer (name or email)",
} as const;

function covers(r: RuleWithResponse): string {
  return r.matchKind === "contract_customer" ? KIND_TEXT.contract_customer : `${KIND_TEXT[r.matchKind]}: ${r.matchValue}`;
}

function sets(r: Pick<RuleWithResponse, "setPriority" | "setSlaProtected" | "responseMinutes">): string {
  return [
    r.setPriority ? `priority ${PRIORITY_LABEL[r.setPriority]}` : null,
    r.setSlaProtected === true ? "never bumped" : r.setSlaProtected === false ? "may be bumped" : null,
    r.responseMinutes ? `respond within ${r.responseMinutes} min` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** The rules with an editor that previews the open jobs a change affects before saving. */
export function RulesEditor({ rules, canEdit }: { rules: RuleWithResponse[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<RuleWithResponse | "new" | null>(null);
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section aria-label="Rules" className="rounded-lg border border-slate-200 bg-white">
        <div className="flex items-center border-b border-slate-200 px-3 py-2">
          <h2 className="font-medium">Rules</h2>
          {canEdit ? (
            <button type="button" onClick={() => setEditing("new")} className="ml-auto rounded-md bg-brand-600 px-2.5 py-1 text-white hover:bg-brand-700">
              New rule
            </button>
          ) : null}
        </div>
        {message ? <Banner kind="success">{message}</Banner> : null}
        <ol className="divide-y divide-slate-100">
          {rules.map((r) => (
            <li key={r.id} className="px-3 py-2" data-testid="rule-row">
              <div className="flex items-baseline gap-2">
                <span className="font-medium">{r.name}</span>
                {!r.active ? <span className="rounded bg-slate-200 px-1 text-xs">off</span> : null}
                {canEdit ? (
                  <span className="ml-auto flex gap-2 text-xs">
                    <button type="button" className="text-brand-700 underline" onClick={() => setEditing(r)}>
                      Edit {r.name}
                    </button>
                    <button
                      type="button"
                      disabled={pending}
                      className="text-red-700 underline"
                      onClick={() =>
                        start(async () => {
                          const res = await removeRuleAction({ id: r.id });
                          setMessage(res.ok ? `Rule ${r.name} removed.` : res.error.message);
                          router.refresh();
                        })
                      }
                    >
                      Remove {r.name}
                    </button>
                  </span>
                ) : null}
              </div>
              <div className="text-xs text-slate-600">
                {r.position}. {covers(r)} → {sets(r)}
              </div>
            </li>
          ))}
          {rules.length === 0 ? <li className="px-3 py-6 text-center text-slate-600">No rules yet: new jobs take the company defaults.</li> : null}
        </ol>
      </section>
      {editing ? (
        <RuleForm
          key={editing === "new" ? "new" : editing.id}
          rule={editing === "new" ? null : editing}
          onDone={(text) => {
            setEditing(null);
            setMessage(text);
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function RuleForm({ rule, onDone }: { rule: RuleWithResponse | null; onDone: (message: string) => void }) {
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<AffectedJob[] | null>(null);
  const [kind, setKind] = useState<string>(rule?.matchKind ?? "keyword");
  const read = (form: HTMLFormElement) => {
    const f = new FormData(form);
    const v = (k: string) => String(f.get(k) ?? "");
    return {
      id: rule?.id,
      name: v("name"),
      matchKind: v("matchKind"),
      matchValue: v("matchValue"),
      setPriority: v("setPriority"),
      setSlaProtected: v("setSlaProtected"),
      responseMinutes: v("responseMinutes"),
      position: v("position") || "0",
      active: f.get("active") === "on",
      applyToOpenJobs: f.get("applyToOpenJobs") === "on",
    };
  };
  const fail = (e: { message: string; fieldErrors?: Record<string, string[]> }) => {
    setErrors(e.fieldErrors ?? {});
    setProblem(e.message);
  };
  return (
    <form
      aria-label={rule ? `Edit rule ${rule.name}` : "New rule"}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
      onChange={(e) => {
        // any change to the rule itself makes the preview stale
        if ((e.target as { name?: string }).name !== "applyToOpenJobs") setPreview(null);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const input = read(e.currentTarget);
        start(async () => {
          if (!preview) {
            const r = await previewRuleAction(input);
            if (!r.ok) return fail(r.error);
            setErrors({});
            setProblem(null);
            setPreview(r.data);
            return;
          }
          const r = await saveRuleAction(input);
          if (!r.ok) return fail(r.error);
          onDone(`Rule ${input.name} saved${r.data.changedJobs ? `; ${r.data.changedJobs} open job(s) changed` : ""}.`);
        });
      }}
    >
      {problem ? <Banner kind="error">{problem}</Banner> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="rule-name" label="Rule name" error={errors.name}>
          <input id="rule-name" name="name" className={INPUT_CLASS} defaultValue={rule?.name ?? ""} />
        </Field>
        <Field id="rule-position" label="Order (lower is tried first)" error={errors.position}>
          <input id="rule-position" name="position" type="number" min={0} className={INPUT_CLASS} defaultValue={rule?.position ?? 10} />
        </Field>
        <Field id="rule-kind" label="Covers" error={errors.matchKind}>
          <select id="rule-kind" name="matchKind" className={INPUT_CLASS} value={kind} onChange={(e) => setKind(e.target.value)}>
            {Object.entries(KIND_TEXT).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        {kind !== "contract_customer" ? (
          <Field id="rule-value" label={kind === "skill" ? "Skill" : kind === "keyword" ? "Word or phrase" : "Customer name or email"} error={errors.matchValue}>
            <input id="rule-value" name="matchValue" className={INPUT_CLASS} defaultValue={rule?.matchValue ?? ""} />
          </Field>
        ) : (
          <div />
        )}
        <Field id="rule-priority" label="Sets priority" error={errors.setPriority}>
          <select id="rule-priority" name="setPriority" className={INPUT_CLASS} defaultValue={rule?.setPriority ? String(rule.setPriority) : ""}>
            <option value="">Leave as is</option>
            <PriorityOptions />
          </select>
        </Field>
        <Field id="rule-sla" label="May jobs under it be bumped?" error={errors.setSlaProtected}>
          <select id="rule-sla" name="setSlaProtected" className={INPUT_CLASS} defaultValue={rule?.setSlaProtected === true ? "protect" : rule?.setSlaProtected === false ? "allow" : ""}>
            <option value="">Leave as is</option>
            <option value="protect">No — SLA-protected</option>
            <option value="allow">Yes</option>
          </select>
        </Field>
        <Field id="rule-response" label="Response time (minutes)" error={errors.responseMinutes}>
          <input id="rule-response" name="responseMinutes" type="number" min={1} className={INPUT_CLASS} defaultValue={rule?.responseMinutes ?? ""} />
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={rule?.active ?? true} /> Rule is on
        </label>
      </div>
      {preview ? (
        <section aria-label="Open jobs this rule covers" className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm" data-testid="rule-preview">
          <p className="font-medium">
            {preview.length === 0 ? "No open job is covered by this rule." : `${preview.length} open job(s) covered; ${preview.filter((j) => j.changes.length).length} would change:`}
          </p>
          <ul className="mt-1 max-h-48 space-y-0.5 overflow-auto text-xs">
            {preview.slice(0, 100).map((j) => (
              <li key={j.id}>
                {j.workOrder} ({j.customerName}): {j.why}
                {j.changes.length ? ` — ${j.changes.join(", ")}` : " — already agrees"}
              </li>
            ))}
          </ul>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" name="applyToOpenJobs" /> Also change these open jobs now (otherwise the rule applies to new jobs)
          </label>
        </section>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {preview ? "Save rule" : "Preview affected jobs"}
        </button>
        <button type="button" onClick={() => onDone("")} className="rounded-md border border-slate-300 px-3 py-1.5">
          Cancel
        </button>
      </div>
    </form>
  );
}
