import type { Metadata } from "next";
import { RulesEditor } from "@/components/settings/RulesEditor";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listRules } from "@/lib/db/rules";

export const metadata: Metadata = { title: "Priority and SLA rules" };

export default async function RulesPage() {
  const { session, read } = await pageSession("/settings/rules");
  const rules = await read((tx) => listRules(tx, session.user.orgId));
  const canEdit = hasRole(session, ["admin"]);
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">Priority and SLA rules</h1>
      <p className="text-sm text-slate-600">Tried in order; for each of priority and bump protection, the first rule that matches decides.</p>
      {!canEdit ? <p className="text-slate-600">Only administrators change rules.</p> : null}
      <RulesEditor rules={rules} canEdit={canEdit} />
    </main>
  );
}
