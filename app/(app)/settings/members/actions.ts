"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { INVITATION_HOURS, invitationNotice } from "@/lib/accounts/notices";
import { publicOrigin } from "@/lib/auth/public-url";
import { newLinkToken } from "@/lib/auth/tokens";
import type { Queryable } from "@/lib/db/client";
import { changeMemberRole, createInvitation, removeMember, renewInvitation, revokeInvitation } from "@/lib/db/members";
import { queueNotification } from "@/lib/db/notifications";
import type { Role } from "@/lib/db/with-user";
import { ChangeRoleSchema, InvitationIdSchema, InviteMemberSchema, MembershipIdSchema } from "@/lib/schemas/members";

async function queueInvitationEmail(
  tx: Queryable,
  i: { orgId: string; invitationId: string; sentCount: number; email: string; role: Role; companyName: string; inviterName: string; token: string },
): Promise<string> {
  const link = `${await publicOrigin()}/invite/${i.token}`;
  const notice = invitationNotice({ companyName: i.companyName, inviterName: i.inviterName, role: i.role, link });
  await queueNotification(tx, {
    orgId: i.orgId,
    channel: "email",
    recipient: i.email,
    recipientKind: "user",
    subject: notice.subject,
    body: notice.body,
    kind: "invitation",
    dedupeKey: `invitation:${i.invitationId}:${i.sentCount}`,
  });
  return link;
}

/** Invite someone by email with a role; the link is emailed and also shown once to the admin. */
export const inviteMemberAction = defineAction({
  roles: ["admin"],
  schema: InviteMemberSchema,
  run: async (input, { session, tx }) => {
    const { token, tokenHash } = newLinkToken();
    const orgId = session.user.orgId;
    const outcome = await createInvitation(tx, {
      orgId,
      invitedBy: session.user.userId,
      email: input.email,
      role: input.role,
      technicianId: input.technicianId,
      tokenHash,
      validHours: INVITATION_HOURS,
    });
    if (!outcome.ok) {
      const messages = {
        already_member: `${input.email} is already a member of this company.`,
        already_invited: `${input.email} already has an open invitation: send it again from the list below.`,
        no_such_technician: "That technician record is not in this company, or already has an account.",
      } as const;
      throw new ActionFailure(outcome.code === "already_member" || outcome.code === "already_invited" ? "conflict" : "refused", messages[outcome.code], {
        [outcome.code === "no_such_technician" ? "technicianId" : "email"]: [messages[outcome.code]],
      });
    }
    const link = await queueInvitationEmail(tx, { orgId, invitationId: outcome.invitationId, sentCount: 1, email: input.email, role: input.role, companyName: outcome.companyName, inviterName: outcome.inviterName, token });
    return { email: input.email, link };
  },
});

/** Send an open invitation again: a new link valid for another 72 hours; the old link stops working. */
export const resendInvitationAction = defineAction({
  roles: ["admin"],
  schema: InvitationIdSchema,
  run: async (input, { session, tx }) => {
    const { token, tokenHash } = newLinkToken();
    const renewed = await renewInvitation(tx, session.user.orgId, input.invitationId, tokenHash, INVITATION_HOURS, session.user.userId);
    if (!renewed) throw new ActionFailure("not_found", "That invitation was already accepted or revoked.");
    const link = await queueInvitationEmail(tx, { orgId: session.user.orgId, invitationId: renewed.id, sentCount: renewed.sentCount, email: renewed.email, role: renewed.role, companyName: renewed.companyName, inviterName: renewed.inviterName, token });
    return { email: renewed.email, link };
  },
});

/** Revoke an open invitation: its link stops working at once. */
export const revokeInvitationAction = defineAction({
  roles: ["admin"],
  schema: InvitationIdSchema,
  run: async (input, { session, tx }) => {
    if (!(await revokeInvitation(tx, session.user.orgId, input.invitationId))) {
      throw new ActionFailure("not_found", "That invitation was already accepted or revoked.");
    }
    return { revoked: true };
  },
});

/** Change a member's role; their sessions end, so the new role applies at their next sign-in. */
export const changeMemberRoleAction = defineAction({
  roles: ["admin"],
  schema: ChangeRoleSchema,
  run: async (input, { session, tx }) => {
    if (!(await changeMemberRole(tx, session.user.orgId, input.membershipId, input.role))) {
      throw new ActionFailure("not_found", "That person is no longer a member of this company.");
    }
    return { changed: true };
  },
});

/** Remove a member from the company; their sessions in it end at once. The last admin stays. */
export const removeMemberAction = defineAction({
  roles: ["admin"],
  schema: MembershipIdSchema,
  run: async (input, { session, tx }) => {
    if (!(await removeMember(tx, session.user.orgId, input.membershipId))) {
      throw new ActionFailure("not_found", "That person is no longer a member of this company.");
    }
    return { removed: true };
  },
});
