/**
 * Which channel and address reach a customer. Pure: no I/O.
 */
import type { NotificationChannel } from "@/lib/notify/types";

/**
 * A phone number as SMS providers take it: digits with an optional leading "+",
 * or null when there are too few digits to be a number.
 *
 * @example
 * normalizePhone(" +1 (312) 555-0100 ") // "+13125550100"
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return null;
  return trimmed.startsWith("+") ? `+${digits}` : digits;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The channel and address to notify a customer on: the preferred channel when the
 * customer has that contact, else the other one, else null (unreachable).
 *
 * @example
 * chooseCustomerChannel({ phone: "312-555-0100", email: "dana@example.com" }, "sms") // { channel: "sms", recipient: "3125550100" }
 * chooseCustomerChannel({ phone: null, email: "dana@example.com" }, "sms") // { channel: "email", recipient: "dana@example.com" }
 * chooseCustomerChannel({ phone: null, email: null }, "email") // null
 */
export function chooseCustomerChannel(
  contact: { phone?: string | null; email?: string | null },
  prefer: NotificationChannel,
): { channel: NotificationChannel; recipient: string } | null {
  const phone = normalizePhone(contact.phone);
  const email = contact.email?.trim() && EMAIL.test(contact.email.trim()) ? contact.email.trim() : null;
  const sms = phone ? { channel: "sms" as const, recipient: phone } : null;
  const mail = email ? { channel: "email" as const, recipient: email } : null;
  return prefer === "sms" ? (sms ?? mail) : (mail ?? sms);
}
