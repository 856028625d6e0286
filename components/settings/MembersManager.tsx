"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from "@/app/(app)/settings/members/actions";
import type { ActionResult } from "@/lib/actions/result";
import type { Member, PendingInvitation } from "@/lib/db/members";
import type { Role } from "@/lib/db/with-user";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { formatInZone } from "@/lib/time/format-time";

const ROLES: { value: Role; label: string }[] = [
  { value: "admin", label: "Admin" },
  { value: "dispatcher", label: "Dispatcher" },
  { value: "technician", label: "Technician" },
  { value: "viewer", label: "Viewer" },
];
const roleLabel = (r: Role) => ROLES.find((x) => x.value === r)?.label ?? r;

type Feedback = { kind: "error" | "success"; text: string; link?: string } | null;

/** Invite people, resend or revoke invitations, change roles and remove members. */
export function MembersManager({
  members,
  invitations,
  technicians,
  currentUserId,
  timeZone,
}: {
  members: Member[];
  invitations: PendingInvitation[];
  technicians: { id: string; name: string; email: string | null }[];
  currentUserId: string;
  /** The company's zone: server and browser format expiry times alike. */
  timeZone: string;
}) {
  const when = (iso: string) => formatInZone(iso, "MMM d, yyyy, h:mm a", { timeZone });
  const router = useRouter();
  const [pending, start] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [inviteRole, setInviteRole] = useState<Role>("dispatcher");

  function run<T>(action: () => Promise<ActionResult<T>>, success: (data: T) => Feedback) {
    start(async () => {
      const r = await action();
      if (r.ok) {
        setErrors({});
        setFeedback(success(r.data));
      } else {
        setErrors(r.error.fieldErrors ?? {});
        setFeedback({ kind: "error", text: r.error.message });
      }
      router.refresh();
    });
  }

  function invite(form: FormData) {
    const input = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? ""), technicianId: String(form.get("technicianId") ?? "") };
    run(
      () => inviteMemberAction(input),
      (d) => ({ kind: "success", text: `Invitation sent to ${d.email}. The link works once, for 72 hours:`, link: d.link }),
    );
  }

  return (
    <div className="max-w-4xl space-y-6">
      {feedback ? (
        <Banner kind={feedback.kind}>
          {feedback.text}
          {feedback.link ? (
            <input readOnly aria-label="Invitation link" value={feedback.link} className="mt-1 block w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          ) : null}
        </Banner>
      ) : null}

      <section aria-labelledby="invite-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="invite-heading" className="mb-3 font-medium">
          Invite someone
        </h2>
        <form action={invite} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_2fr_auto]" noValidate>
          <Field id="invite-email" label="Email" error={errors.email}>
            <input id="invite-email" name="email" type="email" autoComplete="off" className={INPUT_CLASS} aria-invalid={Boolean(errors.email)} />
          </Field>
          <Field id="invite-role" label="Role" error={errors.role}>
            <select id="invite-role" name="role" value={inviteRole} onChange={(e) => setInviteRole(e.target.value as Role)} className={INPUT_CLASS}>
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="invite-technician" label="Technician record" error={errors.technicianId}>
            <select id="invite-technician" name="technicianId" disabled={inviteRole !== "technician"} className={INPUT_CLASS} defaultValue="">
              <option value="">Match by email, or create one</option>
              {technicians.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.email ? ` (${t.email})` : ""}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            Send invitation
          </button>
        </form>
      </section>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="mb-2 font-medium">
          Pending invitations
        </h2>
        {invitations.length === 0 ? (
          <p className="text-slate-600">No open invitations.</p>
        ) : (
          <table className="w-full border-collapse rounded-lg bg-white text-left" aria-labelledby="pending-heading">
            <thead className="text-xs text-slate-600">
              <tr>
                <th className="px-2 py-1 font-medium">Email</th>
                <th className="px-2 py-1 font-medium">Role</th>
                <th className="px-2 py-1 font-medium">Link</th>
                <th className="px-2 py-1 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id} className="border-t border-slate-200" data-testid="invitation-row" data-email={i.email}>
                  <td className="px-2 py-1.5">{i.email}</td>
                  <td className="px-2 py-1.5">
                    {roleLabel(i.role)}
                    {i.technicianName ? ` — ${i.technicianName}` : ""}
                  </td>
                  <td className="px-2 py-1.5 text-slate-700">{i.expired ? <span className="text-red-700">Expired {when(i.expiresAt)}</span> : `Works until ${when(i.expiresAt)}`}</td>
                  <td className="space-x-2 px-2 py-1.5 text-right">
                    <button
                      type="button"
                      disabled={pending}
                      className="rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
                      aria-label={`Send again to ${i.email}`}
                      onClick={() => run(() => resendInvitationAction({ invitationId: i.id }), (d) => ({ kind: "success", text: `Invitation sent again to ${d.email}. The earlier link no longer works; the new one:`, link: d.link }))}
                    >
                      Send again
                    </button>
                    <button
                      type="button"
                      disabled={pending}
                      className="rounded-md border border-red-300 px-2 py-0.5 text-red-800 hover:bg-red-50"
                      aria-label={`Revoke invitation for ${i.email}`}
                      onClick={() => run(() => revokeInvitationAction({ invitationId: i.id }), () => ({ kind: "success", text: `The invitation for ${i.email} was revoked; its link no longer works.` }))}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-2 font-medium">
          People in this company
        </h2>
        <table className="w-full border-collapse rounded-lg bg-white text-left" aria-labelledby="members-heading">
          <thead className="text-xs text-slate-600">
            <tr>
              <th className="px-2 py-1 font-medium">Name</th>
              <th className="px-2 py-1 font-medium">Email</th>
              <th className="px-2 py-1 font-medium">Role</th>
              <th className="px-2 py-1 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.membershipId} className="border-t border-slate-200" data-testid="member-row" data-email={m.email}>
                <td className="px-2 py-1.5">
                  {m.name}
                  {m.userId === currentUserId ? <span className="text-slate-600"> (you)</span> : null}
                </td>
                <td className="px-2 py-1.5">{m.email}</td>
                <td className="px-2 py-1.5">
                  <select
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    disabled={pending}
                    className="rounded-md border border-slate-300 bg-white px-2 py-0.5"
                    onChange={(e) => {
                      const role = e.target.value as Role;
                      run(() => changeMemberRoleAction({ membershipId: m.membershipId, role }), () => ({ kind: "success", text: `${m.name} is now ${roleLabel(role).toLowerCase()}; their sessions were ended so the new role applies at once.` }));
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-2 py-1.5 text-right">
                  <button
                    type="button"
                    disabled={pending}
                    className="rounded-md border border-red-300 px-2 py-0.5 text-red-800 hover:bg-red-50"
                    aria-label={`Remove ${m.name}`}
                    onClick={() => {
                      if (window.confirm(`Remove ${m.name} from this company? They are signed out at once.`)) {
                        run(() => removeMemberAction({ membershipId: m.membershipId }), () => ({ kind: "success", text: `${m.name} was removed from this company.` }));
                      }
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
