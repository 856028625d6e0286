/**
 * The receiver's side of a webhook, as the API reference shows it: a few lines of
 * Node.js a developer can paste. Its test runs it against real signatures.
 */
export const VERIFY_WEBHOOK_SNIPPET = `// Node.js: check a delivery before trusting it
import { createHmac, timingSafeEqual } from "node:crypto";

function verify(secret, header, rawBody, nowSeconds) {
  const t = /t=(\\d+)/.exec(header)?.[1];
  const v1 = /v1=([0-9a-f]+)/.exec(header)?.[1];
  if (!t || !v1 || Math.abs(nowSeconds - Number(t)) > 300) return false;
  const expected = createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest("hex");
  return v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}`;
