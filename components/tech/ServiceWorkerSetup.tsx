"use client";

import { useEffect } from "react";

/**
 * Registers the app's service worker and hands it what this page loaded, so the
 * technician's day opens again without a connection.
 */
export function ServiceWorkerSetup() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    let cancelled = false;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (cancelled) return;
        const urls = performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .filter((u) => u.startsWith(location.origin) && u.includes("/_next/static/"));
        registration.active?.postMessage({ type: "cache-page", page: location.pathname + location.search, urls });
      })
      .catch(() => {
        // without a service worker the app still works online
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return null;
}
