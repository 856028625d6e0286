"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/db/with-user";

export interface NavItem {
  href: string;
  label: string;
  roles?: readonly Role[];
  /** The path prefix that marks the item current (default: its href). */
  section?: string;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/schedules", label: "Schedules" },
  { href: "/urgent", label: "Urgent", roles: ["admin", "dispatcher"] },
  { href: "/jobs", label: "Jobs" },
  { href: "/jobs/new", label: "New job", roles: ["admin", "dispatcher"] },
  { href: "/jobs/review", label: "Review queue" },
  { href: "/time-off", label: "Time off", roles: ["admin", "dispatcher"] },
  { href: "/technicians", label: "Technicians" },
  { href: "/customers", label: "Customers" },
  { href: "/imports", label: "Imports", roles: ["admin", "dispatcher"] },
  { href: "/insights", label: "Insights", roles: ["admin", "dispatcher", "viewer"] },
  { href: "/oncall", label: "On call" },
  { href: "/audit", label: "Audit", roles: ["admin", "dispatcher"] },
  { href: "/outbox", label: "Outbox", roles: ["admin", "dispatcher"] },
  { href: "/settings/company", label: "Settings", section: "/settings" },
];

export function NavLinks({ role }: { role: Role }) {
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((i) => !i.roles || i.roles.includes(role));
  // the most specific item wins: /jobs/new is "New job", not also "Jobs"
  const matches = (item: NavItem) => {
    const base = item.section ?? item.href;
    return pathname === base || pathname.startsWith(`${base}/`);
  };
  const current = items.filter(matches).sort((a, b) => (b.section ?? b.href).length - (a.section ?? a.href).length)[0];
  return (
    // a narrow window scrolls the links sideways instead of the whole page
    <nav aria-label="Main" className="flex min-w-0 items-center gap-1 overflow-x-auto whitespace-nowrap [scrollbar-width:thin]">
      {items.map((item) => {
        const active = item === current;
        return (
          <Link
            key={item.href}
            href={item.href}
            // every page is read fresh from the database: prefetching all fourteen on every
            // page load made as many server renders, beside the board's own first reads
            prefetch={false}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-2.5 py-1 ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
