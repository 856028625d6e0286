import { z } from "zod";
import { EmailSchema, NewPasswordSchema } from "@/lib/schemas/signup";

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { error: "Enter your current password." }).max(1024),
    newPassword: NewPasswordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { error: "Choose a password different from the current one.", path: ["newPassword"] });

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z.object({ token: z.string().min(20).max(200), newPassword: NewPasswordSchema });
