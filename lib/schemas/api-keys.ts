import { z } from "zod";

export const CreateApiKeySchema = z.object({
  name: z.string().trim().min(1, { error: "Name the key after what will use it." }).max(100, { error: "At most 100 characters." }),
  scope: z.enum(["read", "write"], { error: "Choose read or write." }),
});

export const RevokeApiKeySchema = z.object({ keyId: z.uuid() });
