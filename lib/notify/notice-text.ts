/**
 * The shape of every notice and the text rules they share: one-line text messages
 * that fit in two segments, and the sign-off customers read. Pure: no I/O, no clock.
 */

/** Carriers split longer texts; two segments is as long as a notice should be. */
export const SMS_MAX_LENGTH = 320;

/** What every composer returns: an email (subject + text) and a short text message. */
export interface ComposedNotice {
  subject: string;
  text: string;
  /** At most {@link SMS_MAX_LENGTH} characters, one line. */
  sms: string;
}

/** Collapses whitespace to single spaces. */
export const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
/** Trimmed text, or null when nothing is left. */
export const clean = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/**
 * A text message from required and optional parts: optional parts are kept in
 * order while they fit, and a text that cannot fit is cut with an ellipsis.
 */
export function fitSms(required: string[], optional: string[] = [], max = SMS_MAX_LENGTH): string {
  let text = oneLine(required.join(" "));
  for (const part of optional) {
    const longer = oneLine(`${text} ${part}`);
    if (longer.length <= max) text = longer;
  }
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Joins the given lines, leaving out the missing ones. */
export function lines(...parts: (string | null | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === "string").join("\n");
}

/** The closing lines of a customer notice: how to answer, then the company. */
export function signOff(companyName: string, contactPhone: string | null): string {
  return contactPhone
    ? `If this time does not suit you, reply to this message or call us at ${contactPhone}.\n\n${companyName}`
    : `If this time does not suit you, reply to this message.\n\n${companyName}`;
}
