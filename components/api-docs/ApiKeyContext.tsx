"use client";

import { createContext, useContext, useState } from "react";

/**
 * The API key the reference's Try it forms send. It lives in this page's memory only:
 * never stored, gone on reload, shared by every form so it is typed once.
 */
const ApiKeyContext = createContext<{ apiKey: string; setApiKey: (key: string) => void } | null>(null);

export function ApiKeyProvider({ children }: { children: React.ReactNode }) {
  const [apiKey, setApiKey] = useState("");
  return <ApiKeyContext.Provider value={{ apiKey, setApiKey }}>{children}</ApiKeyContext.Provider>;
}

export function useApiKey(): { apiKey: string; setApiKey: (key: string) => void } {
  const value = useContext(ApiKeyContext);
  if (!value) throw new Error("useApiKey needs an ApiKeyProvider above it.");
  return value;
}
