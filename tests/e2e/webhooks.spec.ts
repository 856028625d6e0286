import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { verifyWebhook } from "../../lib/webhooks/signature";
import { signInAs } from "./support";
import { expectAccessible } from "./axe";

test("an admin registers an endpoint, sends a test event and sees it delivered in the log", async ({ page }) => {
  const received: { signature: string | null; event: string | null; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ signature: req.headers["crewboard-signature"] as string, event: req.headers["crewboard-event"] as string, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${Date.now().toString(36)}`;
  try {
    await signInAs(page, "admin@bayside.demo");
    await page.goto("/settings/webhooks");
    await page.getByLabel("URL").fill(url);
    await page.getByLabel("Description").fill("Receiver on this machine");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: url });
    await endpoint.getByRole("button", { name: "Send test event" }).click();
    const row = page.getByTestId("webhook-delivery").filter({ hasText: url }).filter({ hasText: "ping" });
    await expect(row).toContainText("delivered", { timeout: 20_000 });
    await expect(row).toContainText("204");
    await expectAccessible(page);
    expect(received).toHaveLength(1);
    expect(received[0].event).toBe("ping");
    expect(verifyWebhook(secret, received[0].signature, received[0].body, Math.floor(Date.now() / 1000))).toBe(true);

    page.once("dialog", (d) => void d.accept());
    await endpoint.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByTestId("webhook-endpoint").filter({ hasText: url })).toHaveCount(0);
  } finally {
    server.close();
  }
});
