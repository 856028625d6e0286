"use client";

import { useId, useState } from "react";
import { setReminderChannelAction } from "@/app/tech/actions";
import type { ReminderChannel } from "@/lib/schemas/tech";

const CHANNELS: { value: ReminderChannel; label: string }[] = [
  { value: "push", label: "Notification on this app" },
  { value: "sms", label: "Text message" },
  { value: "email", label: "Email" },
];

/** The technician chooses how the evening summary and visit reminders reach them. */
export function ReminderChannelPicker({ initial }: { initial: ReminderChannel }) {
  const id = useId();
  const [channel, setChannel] = useState<ReminderChannel>(initial);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const choose = async (next: ReminderChannel) => {
    const before = channel;
    setChannel(next);
    setSaving(true);
    setMessage(null);
    try {
      const r = await setReminderChannelAction({ channel: next });
      if (r.ok) setMessage({ ok: true, text: `Reminders now come by ${CHANNELS.find((c) => c.value === next)!.label.toLowerCase()}.` });
      else {
        setChannel(before);
        setMessage({ ok: false, text: r.error.message });
      }
    } catch {
      setChannel(before);
      setMessage({ ok: false, text: "No connection: your choice was not saved. Try again when you are back online." });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
        Reminders
      </h2>
      <p className="text-sm text-slate-600">The evening before and before each visit. Without notifications on a phone, they come by text or email.</p>
      <label htmlFor={`${id}-channel`} className="mt-2 block text-sm font-medium text-slate-700">
        Send my reminders by
      </label>
      <select
        id={`${id}-channel`}
        value={channel}
        disabled={saving}
        onChange={(e) => void choose(e.target.value as ReminderChannel)}
        className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 bg-white px-2"
      >
        {CHANNELS.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`mt-2 text-sm ${message.ok ? "text-emerald-800" : "text-red-800"}`} data-testid="reminder-channel-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
