import type { Metadata } from "next";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { SlotTemplateEditor } from "@/components/settings/SlotTemplateEditor";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listSlotBlocks, loadRecoveryBuffer } from "@/lib/db/slot-blocks";
import { listTemplates } from "@/lib/db/templates";

export const metadata: Metadata = { title: "Slot template" };

export default async function SlotsPage() {
  const { session, read } = await pageSession("/settings/slots");
  const data = await read(async (tx) => ({
    blocks: await listSlotBlocks(tx, session.user.orgId),
    templates: await listTemplates(tx, session.user.orgId, { activeOnly: true }),
    buffer: await loadRecoveryBuffer(tx, session.user.orgId),
  }));
  const canEdit = hasRole(session, ["admin"]);
  return (
    <main className="space-y-3 p-4">
      <SettingsLinks current="/settings/slots" />
      <h1 className="text-lg font-semibold">Slot template and buffers</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Fixed blocks keep a kind of work together at predictable times; flex slots stay free for urgent and emergency work. Automatic
        dispatch, suggestions, the bump optimizer and the board&apos;s checks all follow them, and keep the recovery buffer between two
        on-site jobs.
      </p>
      {!canEdit ? <p className="text-slate-600">Only administrators change the slot template.</p> : null}
      <SlotTemplateEditor
        blocks={data.blocks}
        templates={data.templates.map((t) => ({ id: t.id, name: t.name }))}
        buffer={data.buffer}
        canEdit={canEdit}
      />
    </main>
  );
}
