"use client";

import { useEffect, useState } from "react";
import { pushSetupAction, savePushSubscriptionAction } from "@/app/tech/actions";

type State = "unsupported" | "off" | "on" | "denied" | "working";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = `${base64url}${"=".repeat((4 - (base64url.length % 4)) % 4)}`.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Asks for permission and subscribes this phone to push notifications. */
export function PushToggle() {
  const [state, setState] = useState<State>("working");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return "unsupported" as const;
      if (Notification.permission === "denied") return "denied" as const;
      const registration = await navigator.serviceWorker.getRegistration();
      const existing = await registration?.pushManager.getSubscription();
      return existing && Notification.permission === "granted" ? ("on" as const) : ("off" as const);
    })()
      .then((s) => live && setState(s))
      .catch(() => live && setState("off"));
    return () => {
      live = false;
    };
  }, []);

  const turnOn = async () => {
    setState("working");
    setError(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") return setState(permission === "denied" ? "denied" : "off");
      const setup = await pushSetupAction({});
      if (!setup.ok) throw new Error(setup.error.message);
      const registration = await navigator.serviceWorker.ready;
      const sub = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(setup.data.publicKey) });
      const json = sub.toJSON();
      const saved = await savePushSubscriptionAction({ endpoint: sub.endpoint, p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" });
      if (!saved.ok) throw new Error(saved.error.message);
      setState("on");
    } catch (err) {
      setError(err instanceof Error ? err.message : "Notifications could not be turned on.");
      setState("off");
    }
  };

  if (state === "unsupported") return null;
  return (
    <section aria-label="Notifications" className="rounded-lg border border-slate-200 bg-white p-4">
      {state === "on" ? (
        <p className="text-slate-700">Notifications are on: offers, changes to today and reminders arrive on this phone.</p>
      ) : state === "denied" ? (
        <p className="text-slate-700">Notifications are blocked in this browser&apos;s settings; reminders come by text or email instead.</p>
      ) : (
        <button type="button" disabled={state === "working"} onClick={() => void turnOn()} className="min-h-12 w-full rounded-md border border-brand-700 font-semibold text-brand-700 disabled:opacity-60">
          Turn on notifications
        </button>
      )}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </section>
  );
}
