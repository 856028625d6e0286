"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type ToastTone = "success" | "info" | "error";

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
  /** Further lines (warnings, the customer's notice). */
  details?: string[];
}

const LIFETIME_MS: Record<ToastTone, number | null> = { success: 7_000, info: 5_000, error: null };
const MAX_TOASTS = 4;

/**
 * Short messages about the board's changes. Errors stay until dismissed (a
 * dispatcher must read why a move was refused); the rest fade after a few seconds.
 */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const push = useCallback(
    (tone: ToastTone, text: string, details?: string[]) => {
      const id = nextId.current++;
      setToasts((list) => [...list, { id, tone, text, details }].slice(-MAX_TOASTS));
      const life = LIFETIME_MS[tone];
      if (life) timers.current.set(id, setTimeout(() => dismiss(id), life));
      return id;
    },
    [dismiss],
  );

  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const t of all.values()) clearTimeout(t);
      all.clear();
    };
  }, []);

  return { toasts, push, dismiss };
}
