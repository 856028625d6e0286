import type { NotifyConfig } from "@/lib/notify/providers";

/** How this installation delivers notices, and what is missing when it does not. */
export function DeliverySetup({ config }: { config: NotifyConfig }) {
  const email = config.email ? `Email via Resend, from ${config.email.from}` : "Email: no provider configured (set RESEND_API_KEY)";
  const sms = config.sms ? `SMS from ${config.sms.from}` : "SMS: no provider configured (set SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM)";
  const offline = !config.email && !config.sms;
  return (
    <div className="space-y-1 text-xs" data-testid="delivery-setup">
      <p className="text-slate-600">
        <span className={config.email ? "" : "text-amber-700"}>{email}</span>
        <span aria-hidden> · </span>
        <span className={config.sms ? "" : "text-amber-700"}>{sms}</span>
      </p>
      {offline ? (
        <p className="text-slate-500">Nothing leaves this installation: notices are kept here so you can read what would have been sent.</p>
      ) : null}
      {config.problems.map((p) => (
        <p key={p} role="alert" className="text-red-700">
          {p}
        </p>
      ))}
    </div>
  );
}
