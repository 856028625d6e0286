"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createRotationAction, decideSwapAction, requestSwapAction } from "@/app/(app)/oncall/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import type { FairnessRow, OnCallNow, RotationView, SwapView } from "@/lib/db/on-call";

export interface TurnOption {
  rotationId: string;
  start: string;
  end: string;
  technicianId: string;
  technicianName: string;
}

type Result = { ok: true } | { ok: false; error: { message: string; fieldErrors?: Record<string, string[]> } };

const BUTTON = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50";

/** Rotations, who is on call, swaps to request and decide, and the fairness table. */
export function OnCallPanel({
  rotations,
  now,
  turns,
  swaps,
  fairness,
  technicians,
  timeZone,
  canManage,
  canRequest,
  today,
}: {
  rotations: RotationView[];
  now: OnCallNow[];
  turns: TurnOption[];
  swaps: SwapView[];
  fairness: FairnessRow[];
  technicians: { id: string; name: string }[];
  timeZone: string;
  canManage: boolean;
  canRequest: boolean;
  today: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [rotationId, setRotationId] = useState(rotations[0]?.id ?? "");
  const when = (iso: string) =>
    new Date(iso).toLocaleString("en-US", { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const done = (r: Result, text: string) => {
    if (r.ok) {
      setErrors({});
      setResult({ kind: "success", text });
      router.refresh();
    } else {
      setErrors(r.error.fieldErrors ?? {});
      setResult({ kind: "error", text: r.error.message });
    }
  };
  const rotation = rotations.find((r) => r.id === rotationId);

  return (
    <div className="max-w-5xl space-y-4">
      {result ? <Banner kind={result.kind}>{result.text}</Banner> : null}

      <section aria-labelledby="rotations" className="space-y-2">
        <h2 id="rotations" className="text-sm font-semibold">
          Rotations
        </h2>
        {rotations.length === 0 ? <p className="text-sm text-slate-600">No rotations yet.</p> : null}
        <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" aria-label="Rotations">
          <thead className="bg-slate-50 text-xs">
            <tr>
              <th scope="col" className="px-2 py-1">Rotation</th>
              <th scope="col" className="px-2 py-1">Hands over</th>
              <th scope="col" className="px-2 py-1">Members in order</th>
              <th scope="col" className="px-2 py-1">On call now</th>
            </tr>
          </thead>
          <tbody>
            {rotations.map((r) => {
              const current = now.find((n) => n.rotationId === r.id);
              return (
                <tr key={r.id} className="border-t border-slate-100" data-testid="rotation-row">
                  <td className="px-2 py-1">{r.name}</td>
                  <td className="px-2 py-1">
                    {r.cadence === "daily" ? "daily" : "weekly"} at {r.handoverTime} ({r.timeZone}), from {r.startsOn}
                  </td>
                  <td className="px-2 py-1">{r.members.map((m) => m.name).join(", ")}</td>
                  <td className="px-2 py-1" data-testid="rotation-now">
                    {current ? `${current.technicianName} until ${when(current.until)}` : "not started"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {canRequest && rotation ? (
        <form
          aria-label="Ask for a swap"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
          action={(form) =>
            start(async () =>
              done(
                await requestSwapAction({
                  rotationId,
                  turnStart: String(form.get("turnStart") ?? ""),
                  toTechnicianId: String(form.get("toTechnicianId") ?? ""),
                  reason: String(form.get("reason") ?? "") || null,
                }),
                "Swap requested; a dispatcher approves it.",
              ),
            )
          }
        >
          <h2 className="text-sm font-semibold">Ask for a swap</h2>
          <div className="grid gap-2 sm:grid-cols-4">
            <Field id="swapRotation" label="Rotation">
              <select id="swapRotation" value={rotationId} onChange={(e) => setRotationId(e.target.value)} className={INPUT_CLASS}>
                {rotations.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="turnStart" label="Turn" error={errors.turnStart}>
              <select id="turnStart" name="turnStart" className={INPUT_CLASS}>
                {turns
                  .filter((t) => t.rotationId === rotationId)
                  .map((t) => (
                    <option key={t.start} value={t.start}>
                      {when(t.start)}: {t.technicianName}
                    </option>
                  ))}
              </select>
            </Field>
            <Field id="toTechnicianId" label="Hand it to" error={errors.toTechnicianId}>
              <select id="toTechnicianId" name="toTechnicianId" className={INPUT_CLASS}>
                {rotation.members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="reason" label="Reason (optional)" error={errors.reason}>
              <input id="reason" name="reason" className={INPUT_CLASS} />
            </Field>
          </div>
          <button type="submit" disabled={pending} className={BUTTON}>
            Ask for the swap
          </button>
        </form>
      ) : null}

      <section aria-labelledby="swaps" className="space-y-2">
        <h2 id="swaps" className="text-sm font-semibold">
          Swaps
        </h2>
        <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" aria-label="Swaps">
          <thead className="bg-slate-50 text-xs">
            <tr>
              <th scope="col" className="px-2 py-1">Turn</th>
              <th scope="col" className="px-2 py-1">From → to</th>
              <th scope="col" className="px-2 py-1">Reason</th>
              <th scope="col" className="px-2 py-1">Status</th>
            </tr>
          </thead>
          <tbody>
            {swaps.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-2 py-2 text-slate-600">
                  No swaps asked for.
                </td>
              </tr>
            ) : null}
            {swaps.map((s) => (
              <tr key={s.id} className="border-t border-slate-100" data-testid="swap-row">
                <td className="px-2 py-1">
                  {s.rotationName}, {when(s.turnStart)}
                </td>
                <td className="px-2 py-1">
                  {s.fromName} → {s.toName}
                </td>
                <td className="px-2 py-1">{s.reason ?? "–"}</td>
                <td className="px-2 py-1">
                  {s.status === "requested" && canManage ? (
                    <span className="flex gap-2">
                      <button type="button" disabled={pending} className="text-brand-700 underline" onClick={() => start(async () => done(await decideSwapAction({ id: s.id, approve: true }), "Swap approved."))}>
                        Approve<span className="sr-only"> swap of {s.fromName}&apos;s turn</span>
                      </button>
                      <button type="button" disabled={pending} className="text-red-700 underline" onClick={() => start(async () => done(await decideSwapAction({ id: s.id, approve: false }), "Swap declined."))}>
                        Decline<span className="sr-only"> swap of {s.fromName}&apos;s turn</span>
                      </button>
                    </span>
                  ) : (
                    s.status
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="fairness" className="space-y-2">
        <h2 id="fairness" className="text-sm font-semibold">
          Fairness: on-call hours over the last 90 days
        </h2>
        <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" aria-label="On-call fairness">
          <thead className="bg-slate-50 text-xs">
            <tr>
              <th scope="col" className="px-2 py-1">Technician</th>
              <th scope="col" className="px-2 py-1">Hours on call</th>
              <th scope="col" className="px-2 py-1">Turns</th>
            </tr>
          </thead>
          <tbody>
            {fairness.map((f) => (
              <tr key={f.technicianId} className="border-t border-slate-100" data-testid="fairness-row">
                <td className="px-2 py-1">{f.name}</td>
                <td className="px-2 py-1 tabular-nums">{f.hours}</td>
                <td className="px-2 py-1 tabular-nums">{f.turns}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {canManage ? (
        <form
          aria-label="New rotation"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
          action={(form) =>
            start(async () =>
              done(
                await createRotationAction({
                  name: String(form.get("name") ?? ""),
                  cadence: String(form.get("cadence") ?? ""),
                  handoverTime: String(form.get("handoverTime") ?? ""),
                  timeZone,
                  startsOn: String(form.get("startsOn") ?? ""),
                  memberIds: form.getAll("member").map(String),
                }),
                "Rotation created.",
              ),
            )
          }
        >
          <h2 className="text-sm font-semibold">New rotation</h2>
          <div className="grid gap-2 sm:grid-cols-4">
            <Field id="name" label="Name" error={errors.name}>
              <input id="name" name="name" className={INPUT_CLASS} />
            </Field>
            <Field id="cadence" label="Turns">
              <select id="cadence" name="cadence" className={INPUT_CLASS} defaultValue="weekly">
                <option value="daily">Daily</option>
                <option value="weekly">Weekly</option>
              </select>
            </Field>
            <Field id="handoverTime" label={`Handover time (${timeZone})`} error={errors.handoverTime}>
              <input id="handoverTime" name="handoverTime" type="time" defaultValue="08:00" className={INPUT_CLASS} />
            </Field>
            <Field id="startsOn" label="First turn on" error={errors.startsOn}>
              <input id="startsOn" name="startsOn" type="date" defaultValue={today} className={INPUT_CLASS} />
            </Field>
          </div>
          <fieldset>
            <legend className="text-xs font-medium text-slate-700">Members, in turn order as listed</legend>
            <div className="mt-1 flex flex-wrap gap-3 text-sm">
              {technicians.map((t) => (
                <label key={t.id} className="flex items-center gap-1">
                  <input type="checkbox" name="member" value={t.id} /> {t.name}
                </label>
              ))}
            </div>
            {errors.memberIds ? <p className="text-xs text-red-700">{errors.memberIds[0]}</p> : null}
          </fieldset>
          <button type="submit" disabled={pending} className={BUTTON}>
            Create rotation
          </button>
        </form>
      ) : null}
    </div>
  );
}
