import type { Metadata, Viewport } from "next";
import { signOutAction } from "@/app/(app)/actions";
import { ServiceWorkerSetup } from "@/components/tech/ServiceWorkerSetup";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = {
  title: "My day",
  manifest: "/manifest.webmanifest",
  appleWebApp: { capable: true, title: "Crewboard", statusBarStyle: "default" },
  icons: { icon: "/icons/icon-192.png", apple: "/icons/icon-192.png" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1a4a9e" };

/** The technician's phone app: a narrow column, big targets, no dispatcher navigation. */
export default async function TechLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession("/tech");
  return (
    <div className="mx-auto flex min-h-full max-w-xl flex-col bg-slate-50">
      <header className="sticky top-0 z-20 flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <div className="min-w-0 flex-1 leading-tight">
          <div className="truncate font-semibold text-brand-700">{session.company.name}</div>
          <div className="truncate text-sm text-slate-600" data-testid="tech-user">
            {session.user.name}
          </div>
        </div>
        <form action={signOutAction}>
          <button type="submit" className="min-h-11 rounded-md border border-slate-300 px-3 text-slate-700 active:bg-slate-100">
            Sign out
          </button>
        </form>
      </header>
      <ServiceWorkerSetup />
      <div className="flex-1">{children}</div>
    </div>
  );
}
