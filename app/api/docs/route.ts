export const runtime = "nodejs";

/**
 * GET /api/docs — the API reference, rendered in the browser by Swagger UI from
 * /api/v1/openapi.json. Everything is served by Crewboard itself: it works offline.
 */
export function GET(): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Crewboard API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<style>
  body { margin: 0; font-family: system-ui, sans-serif; color: #1f2937; }
  header { padding: 1rem 1.5rem; border-bottom: 1px solid #d1d5db; }
  header h1 { margin: 0 0 .25rem; font-size: 1.4rem; }
  header p { margin: 0; }
  header a { color: #1d4ed8; }
  #problems { padding: 0 1.5rem 1rem; }
</style>
</head>
<body>
<header>
  <h1>Crewboard API reference</h1>
  <p>The OpenAPI 3.1 document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
  Authenticate with <code>Authorization: Bearer &lt;key&gt;</code>; an administrator creates keys in Settings → API keys.</p>
</header>
<main>
  <div id="reference" aria-label="API operations"></div>
  <section id="problems" aria-labelledby="problems-title">
    <h2 id="problems-title">Errors</h2>
    <p>Every error is <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>,
    and for invalid input <code>errors</code>, each with a JSON Pointer (<code>pointer</code>) into the body or the <code>parameter</code> name.</p>
    <ul>
      <li id="problem-validation"><strong>validation</strong> (422): some fields need attention.</li>
      <li id="problem-unauthorized"><strong>unauthorized</strong> (401): no key, or an unknown or revoked key.</li>
      <li id="problem-forbidden"><strong>forbidden</strong> (403): the key's scope does not allow it.</li>
      <li id="problem-not-found"><strong>not-found</strong> (404): nothing with that id in your company.</li>
      <li id="problem-conflict"><strong>conflict</strong> (409): the change breaks a rule or someone was first.</li>
      <li id="problem-idempotency-key-reused"><strong>idempotency-key-reused</strong> (409): that Idempotency-Key came with another body.</li>
      <li id="problem-precondition-failed"><strong>precondition-failed</strong> (412): the resource changed since your If-Match version.</li>
      <li id="problem-precondition-required"><strong>precondition-required</strong> (428): send If-Match.</li>
      <li id="problem-rate-limited"><strong>rate-limited</strong> (429): wait Retry-After seconds.</li>
    </ul>
  </section>
</main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>`;
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
