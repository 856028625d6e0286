import type { Metadata } from "next";
import { TemplateEditor } from "@/components/settings/TemplateEditor";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listTechnicianOptions } from "@/lib/db/lookups";
import { listTemplates } from "@/lib/db/templates";

export const metadata: Metadata = { title: "Job templates" };

export default async function TemplatesPage() {
  const { session, read } = await pageSession("/settings/templates");
  const { templates, technicians } = await read(async (tx) => ({
    templates: await listTemplates(tx, session.user.orgId),
    technicians: await listTechnicianOptions(tx, session.user.orgId),
  }));
  const canEdit = hasRole(session, ["admin"]);
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">Job templates</h1>
      {!canEdit ? <p className="text-slate-600">Only administrators change templates.</p> : null}
      <TemplateEditor templates={templates} technicians={technicians} canEdit={canEdit} />
    </main>
  );
}
