/**
 * Which providers deliver notices, from the environment. A channel without a
 * complete configuration has no provider: its notices stay pending in the outbox
 * (visible on the Outbox page), so an install without keys works offline.
 *
 *   RESEND_API_KEY                                   email through Resend
 *   RESEND_BASE_URL                                  another Resend-compatible API (tests)
 *   EMAIL_FROM                                       sender, default "Crewboard <notices@crewboard.local>"
 *   SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM        text messages through a Twilio-compatible API
 *   SMS_API_URL                                      that API, default https://api.twilio.com
 */
import { resendEmail } from "@/lib/notify/resend-email";
import { twilioSms } from "@/lib/notify/twilio-sms";
import type { NotificationChannel, NotifyProviders } from "@/lib/notify/types";

export const DEFAULT_EMAIL_FROM = "Crewboard <notices@crewboard.local>";
export const DEFAULT_SMS_API_URL = "https://api.twilio.com";

export interface NotifyConfig {
  email: { apiKey: string; baseUrl: string | null; from: string } | null;
  sms: { apiUrl: string; accountSid: string; authToken: string; from: string } | null;
  /** Half-done configuration worth telling an admin about. */
  problems: string[];
}

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string) => env[name]?.trim() || null;

/**
 * Reads the notice settings without contacting anyone.
 *
 * @example
 * notifyConfigFromEnv({ RESEND_API_KEY: "re_123" }).email // { apiKey: "re_123", baseUrl: null, from: "Crewboard <notices@crewboard.local>" }
 */
export function notifyConfigFromEnv(env: Env = process.env): NotifyConfig {
  const problems: string[] = [];
  const apiKey = value(env, "RESEND_API_KEY");
  const email = apiKey
    ? { apiKey, baseUrl: value(env, "RESEND_BASE_URL"), from: value(env, "EMAIL_FROM") ?? DEFAULT_EMAIL_FROM }
    : null;

  const smsNames = ["SMS_ACCOUNT_SID", "SMS_AUTH_TOKEN", "SMS_FROM"] as const;
  const [accountSid, authToken, from] = smsNames.map((n) => value(env, n));
  const missing = smsNames.filter((n) => !value(env, n));
  let sms: NotifyConfig["sms"] = null;
  if (accountSid && authToken && from) {
    sms = { apiUrl: value(env, "SMS_API_URL") ?? DEFAULT_SMS_API_URL, accountSid, authToken, from };
  } else if (missing.length < smsNames.length) {
    problems.push(`Text messages are not sent: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set.`);
  }
  return { email, sms, problems };
}

/** The providers a configuration describes. */
export function providersFromConfig(config: NotifyConfig): NotifyProviders {
  const providers: NotifyProviders = {};
  if (config.email) {
    providers.email = resendEmail({ apiKey: config.email.apiKey, from: config.email.from, baseUrl: config.email.baseUrl ?? undefined });
  }
  if (config.sms) providers.sms = twilioSms(config.sms);
  return providers;
}

/**
 * The providers configured in the environment.
 *
 * @example
 * providersFromEnv({}) // {}: nothing is delivered, notices wait in the outbox
 */
export function providersFromEnv(env: Env = process.env): NotifyProviders {
  return providersFromConfig(notifyConfigFromEnv(env));
}

/** The channels that have a provider in this configuration. */
export function configuredChannels(config: NotifyConfig): NotificationChannel[] {
  return (["email", "sms"] as const).filter((c) => config[c] !== null);
}
