// Crewboard's service worker: the technician's day opens without a connection
// (the last /tech page loaded, with its scripts), and push messages show as
// notifications. Writes never go through here: status taps wait in the page.
const PAGES = "crewboard-tech-pages-v1";
const ASSETS = "crewboard-tech-assets-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const isTechPage = (url) => url.origin === self.location.origin && (url.pathname === "/tech" || url.pathname.startsWith("/tech/"));
const isAsset = (url) =>
  url.origin === self.location.origin &&
  (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/") || url.pathname === "/manifest.webmanifest");

async function pageFromNetwork(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    // a sign-in redirect or an error page is not the day to keep
    if (response.ok && !response.redirected) await cache.put(new URL(request.url).pathname, response.clone());
    return response;
  } catch (err) {
    const kept = (await cache.match(new URL(request.url).pathname)) ?? (await cache.match("/tech"));
    if (kept) return kept;
    throw err;
  }
}

async function assetFromCache(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate" && isTechPage(url)) event.respondWith(pageFromNetwork(request));
  else if (isAsset(url)) event.respondWith(assetFromCache(request));
});

// The page tells us what it loaded before we were in control of it.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "cache-page") return;
  event.waitUntil(
    (async () => {
      const assets = await caches.open(ASSETS);
      await Promise.all(
        (data.urls || []).map(async (u) => {
          if (await assets.match(u)) return;
          try {
            const response = await fetch(u);
            if (response.ok) await assets.put(u, response);
          } catch {
            // offline already: the next visit fills it in
          }
        }),
      );
      try {
        const page = new URL(data.page, self.location.origin);
        const response = await fetch(page.pathname + page.search, { credentials: "same-origin" });
        if (response.ok && !response.redirected) await (await caches.open(PAGES)).put(page.pathname, response);
      } catch {
        // keep what we had
      }
    })(),
  );
});

self.addEventListener("push", (event) => {
  let message = { title: "Crewboard", body: "" };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    if (event.data) message.body = event.data.text();
  }
  event.waitUntil(
    self.registration.showNotification(message.title, { body: message.body, icon: "/icons/icon-192.png", data: { url: message.url || "/tech" } }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || "/tech";
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).pathname === "/tech");
      if (open) return open.focus();
      return self.clients.openWindow(target);
    })(),
  );
});
