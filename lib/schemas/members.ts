import { z } from "zod";
import { EmailSchema } from "@/lib/schemas/signup";

export const RoleSchema = z.enum(["admin", "dispatcher", "technician", "viewer"], { error: "Choose a role." });

export const InviteMemberSchema = z
  .object({
    email: EmailSchema,
    role: RoleSchema,
    /** A technician record to link the new account to; empty = find by email or create. */
    technicianId: z.union([z.uuid(), z.literal("")]).transform((v) => (v === "" ? null : v)),
  })
  .refine((v) => v.technicianId === null || v.role === "technician", {
    error: "Only a technician invitation can link a technician record.",
    path: ["technicianId"],
  });
export type InviteMemberInput = z.infer<typeof InviteMemberSchema>;

export const InvitationIdSchema = z.object({ invitationId: z.uuid() });
export const ChangeRoleSchema = z.object({ membershipId: z.uuid(), role: RoleSchema });
export const MembershipIdSchema = z.object({ membershipId: z.uuid() });
