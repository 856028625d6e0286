import { describe, expect, test } from "vitest";
import { configuredChannels, notifyConfigFromEnv, providersFromEnv } from "@/lib/notify/providers";

const SMS = { SMS_ACCOUNT_SID: "AC123", SMS_AUTH_TOKEN: "secret", SMS_FROM: "+13125550199" };

describe("notifyConfigFromEnv", () => {
  test.each([
    [{}, [], []],
    [{ RESEND_API_KEY: "re_123" }, ["email"], []],
    [{ RESEND_API_KEY: "  " }, [], []],
    [SMS, ["sms"], []],
    [{ ...SMS, RESEND_API_KEY: "re_123" }, ["email", "sms"], []],
    [{ SMS_ACCOUNT_SID: "AC123" }, [], ["Text messages are not sent: SMS_AUTH_TOKEN and SMS_FROM are not set."]],
    [{ ...SMS, SMS_FROM: "" }, [], ["Text messages are not sent: SMS_FROM is not set."]],
  ])("%o → channels %o", (env, channels, problems) => {
    const config = notifyConfigFromEnv(env);
    expect(configuredChannels(config)).toEqual(channels);
    expect(config.problems).toEqual(problems);
  });

  test("defaults the sender and the SMS API", () => {
    const config = notifyConfigFromEnv({ RESEND_API_KEY: "re_123", ...SMS });
    expect(config.email).toEqual({ apiKey: "re_123", baseUrl: null, from: "Crewboard <notices@crewboard.local>" });
    expect(config.sms?.apiUrl).toBe("https://api.twilio.com");
  });

  test("takes the sender, the Resend base URL and the SMS API from the environment", () => {
    const config = notifyConfigFromEnv({
      RESEND_API_KEY: "re_123",
      RESEND_BASE_URL: "http://127.0.0.1:4010",
      EMAIL_FROM: "Acme <notices@acme.test>",
      ...SMS,
      SMS_API_URL: "http://127.0.0.1:4011",
    });
    expect(config.email).toEqual({ apiKey: "re_123", baseUrl: "http://127.0.0.1:4010", from: "Acme <notices@acme.test>" });
    expect(config.sms?.apiUrl).toBe("http://127.0.0.1:4011");
  });
});

test("providersFromEnv names each channel's provider", () => {
  const providers = providersFromEnv({ RESEND_API_KEY: "re_123", ...SMS });
  expect(providers.email?.name).toBe("resend");
  expect(providers.sms?.name).toBe("twilio");
  expect(providersFromEnv({})).toEqual({});
});
