import type { Role } from "@/lib/db/with-user";

/** How long an invitation link works. */
export const INVITATION_HOURS = 72;
/** How long a password-reset link works. */
export const PASSWORD_RESET_MINUTES = 60;

const ROLE_WORDS: Record<Role, string> = {
  admin: "an admin",
  dispatcher: "a dispatcher",
  technician: "a technician",
  viewer: "a viewer",
};

/**
 * The invitation email.
 *
 * @example
 * invitationNotice({ companyName: "Polar Air", inviterName: "Dana", role: "dispatcher", link: "https://…/invite/abc" }).subject
 * // "Dana invited you to Polar Air on Crewboard"
 */
export function invitationNotice(i: { companyName: string; inviterName: string; role: Role; link: string }): { subject: string; body: string } {
  return {
    subject: `${i.inviterName} invited you to ${i.companyName} on Crewboard`,
    body: [
      `${i.inviterName} invited you to join ${i.companyName} on Crewboard as ${ROLE_WORDS[i.role]}.`,
      "",
      `Accept the invitation: ${i.link}`,
      "",
      `The link works once and for ${INVITATION_HOURS} hours. If you did not expect this invitation, ignore this email.`,
    ].join("\n"),
  };
}

/** The password-reset email. */
export function passwordResetNotice(link: string): { subject: string; body: string } {
  return {
    subject: "Reset your Crewboard password",
    body: [
      "Someone asked to reset the password of the Crewboard account for this address.",
      "",
      `Choose a new password: ${link}`,
      "",
      `The link works once and for ${PASSWORD_RESET_MINUTES} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
    ].join("\n"),
  };
}
