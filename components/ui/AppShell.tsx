import Link from "next/link";
import { signOutAction } from "@/app/(app)/actions";
import type { SessionContext } from "@/lib/db/accounts";
import { NavLinks } from "@/components/ui/NavLinks";

const ROLE_LABEL = { admin: "Admin", dispatcher: "Dispatcher", technician: "Technician", viewer: "Viewer" } as const;

export function AppShell({ session, children }: { session: SessionContext; children: React.ReactNode }) {
  return (
    <div className="flex min-h-full flex-col">
      <header className="sticky top-0 z-30 flex h-12 items-center gap-4 border-b border-slate-200 bg-white px-4 print:hidden">
        <Link href="/schedules" prefetch={false} className="font-semibold tracking-tight text-brand-700">
          Crewboard
        </Link>
        <span className="min-w-0 max-w-[12rem] shrink truncate text-slate-600" data-testid="company-name">
          {session.company.name}
        </span>
        <NavLinks role={session.user.role} />
        <div className="ml-auto flex shrink-0 items-center gap-3">
          <span className="text-right leading-tight">
            <Link href="/account" prefetch={false} className="block font-medium hover:underline" data-testid="user-name">
              {session.user.name}
            </Link>
            <span className="block text-xs text-slate-500" data-testid="user-role">
              {ROLE_LABEL[session.user.role]}
            </span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md border border-slate-300 px-2.5 py-1 text-slate-700 hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <div className="flex-1">{children}</div>
    </div>
  );
}
