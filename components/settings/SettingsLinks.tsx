import Link from "next/link";

const LINKS = [
  { href: "/settings/company", label: "Company" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/templates", label: "Job templates" },
  { href: "/settings/rules", label: "Priority and SLA rules" },
  { href: "/settings/slots", label: "Slot template and buffers" },
  { href: "/settings/morning-export", label: "Morning export" },
  { href: "/settings/portal", label: "Customer portal" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/webhooks", label: "Webhooks" },
];

/** The settings pages, the current one marked. */
export function SettingsLinks({ current }: { current: string }) {
  return (
    <nav aria-label="Settings" className="flex gap-3 text-sm">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.href === current ? "page" : undefined} className={l.href === current ? "font-semibold text-slate-900" : "text-brand-700 underline"}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
