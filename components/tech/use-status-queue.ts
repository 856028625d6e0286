"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ActionResult } from "@/lib/actions/result";

/** A status tap kept on the phone until the server has it. */
export interface QueuedTap {
  /** The idempotency key: the server records each key once. */
  key: string;
  jobId: string;
  workOrder: string;
  status: "on_my_way" | "arrived" | "done" | "not_finished" | "running_late";
  occurredAt: string;
  note?: string | null;
  reason?: "parts" | "no_access" | "customer_absent" | "second_visit" | null;
  estimatedArrivalAt?: string | null;
}

export interface StatusQueue {
  pending: QueuedTap[];
  /** The last refusal (a tap the server would not take), in words. */
  error: string | null;
  enqueue(tap: Omit<QueuedTap, "key">): void;
  flush(): Promise<void>;
}

const EMPTY: QueuedTap[] = [];
const listeners = new Set<() => void>();
const parsed = new Map<string, { raw: string | null; list: QueuedTap[] }>();

function read(storageKey: string): QueuedTap[] {
  const raw = window.localStorage.getItem(storageKey);
  const known = parsed.get(storageKey);
  if (known && known.raw === raw) return known.list;
  let list: QueuedTap[] = EMPTY;
  try {
    const value = raw ? (JSON.parse(raw) as unknown) : [];
    if (Array.isArray(value)) list = value as QueuedTap[];
  } catch {
    // a damaged entry: start over rather than block every later tap
  }
  parsed.set(storageKey, { raw, list });
  return list;
}

function write(storageKey: string, list: QueuedTap[]): void {
  window.localStorage.setItem(storageKey, JSON.stringify(list));
  for (const fn of listeners) fn();
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  // another tab of the app changed the queue
  window.addEventListener("storage", fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("storage", fn);
  };
}

function newKey(): string {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Status taps go through the phone's storage first and leave in order: taps made
 * without a connection wait there and are sent when it returns. Each tap keeps
 * its key, so a send that reached the server but lost its answer is harmless.
 */
export function useStatusQueue(
  owner: string,
  send: (tap: QueuedTap) => Promise<ActionResult<unknown>>,
  onDelivered: () => void,
): StatusQueue {
  const storageKey = `crewboard.tech.queue.${owner}`;
  const pending = useSyncExternalStore(subscribe, () => read(storageKey), () => EMPTY);
  const [error, setError] = useState<string | null>(null);
  const flushing = useRef(false);

  const save = useCallback((list: QueuedTap[]) => write(storageKey, list), [storageKey]);

  const flush = useCallback(async () => {
    if (flushing.current || !navigator.onLine) return;
    flushing.current = true;
    let delivered = 0;
    try {
      for (;;) {
        const [next] = read(storageKey);
        if (!next) break;
        let result: ActionResult<unknown>;
        try {
          result = await send(next);
        } catch {
          // no connection after all: keep it for the next try
          break;
        }
        save(read(storageKey).filter((t) => t.key !== next.key));
        delivered++;
        if (!result.ok) setError(`${next.workOrder}: ${result.error.message}`);
        else setError(null);
      }
    } finally {
      flushing.current = false;
      if (delivered > 0) onDelivered();
    }
  }, [storageKey, send, save, onDelivered]);

  const enqueue = useCallback(
    (tap: Omit<QueuedTap, "key">) => {
      save([...read(storageKey), { ...tap, key: newKey() }]);
      void flush();
    },
    [storageKey, save, flush],
  );

  useEffect(() => {
    void flush();
    const retry = () => void flush();
    window.addEventListener("online", retry);
    // a connection may come back without an "online" event (captive portals, flaky radio)
    const timer = window.setInterval(retry, 15_000);
    return () => {
      window.removeEventListener("online", retry);
      window.clearInterval(timer);
    };
  }, [storageKey, flush]);

  return { pending, error, enqueue, flush };
}
