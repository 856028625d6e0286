/**
 * The customers file: one customer site a row, with contact, location, whether they
 * hold a service contract and their preferred technician (by name or email).
 * A column left out of the file leaves that field as it is.
 */
import { z } from "zod";
import { coordinate, email, optionalText, requiredText, yesNo } from "@/lib/csv/csv-cells";
import { duplicateErrors, parseCsvWith, toCsv, type CsvColumn, type CsvParseResult, type CsvSpec } from "@/lib/csv/csv-core";

export const CUSTOMER_COLUMNS: CsvColumn[] = [
  { key: "name", aliases: ["customer", "customer name"], required: true },
  { key: "email", aliases: ["e-mail", "email address"] },
  { key: "phone", aliases: ["phone number"] },
  { key: "address", aliases: ["street", "street address"] },
  { key: "city", aliases: ["town"] },
  { key: "lat", aliases: ["latitude"] },
  { key: "lng", aliases: ["lon", "longitude"] },
  { key: "contract", aliases: ["service contract", "under contract"] },
  { key: "preferred_technician", aliases: ["preferred tech", "preferred technician email"] },
  { key: "external_id", aliases: ["external id", "customer id", "customer number", "account number"] },
];

const CustomerRow = z
  .object({
    name: requiredText(200),
    email: email().optional(),
    phone: optionalText(40).optional(),
    address: optionalText(300).optional(),
    city: optionalText(120).optional(),
    lat: coordinate("latitude").optional(),
    lng: coordinate("longitude").optional(),
    contract: yesNo().optional(),
    preferred_technician: optionalText(200).optional(),
    external_id: optionalText(100).optional(),
  })
  .superRefine((r, ctx) => {
    const hasLat = r.lat !== undefined && r.lat !== null;
    const hasLng = r.lng !== undefined && r.lng !== null;
    if (hasLat !== hasLng) {
      ctx.addIssue({ code: "custom", path: [hasLat ? "lng" : "lat"], message: "give both lat and lng, or neither" });
    }
  })
  .transform((r) => ({
    name: r.name,
    email: r.email,
    phone: r.phone,
    address: r.address,
    city: r.city,
    location: r.lat === undefined && r.lng === undefined ? undefined : r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null,
    contract: r.contract === undefined ? undefined : (r.contract ?? false),
    preferredTechnician: r.preferred_technician,
    externalId: r.external_id,
  }));

/** A customer as the file describes them: `undefined` = column not in the file, `null` = empty cell. */
export interface CustomerCsvRow {
  row: number;
  name: string;
  email: string | null | undefined;
  phone: string | null | undefined;
  address: string | null | undefined;
  city: string | null | undefined;
  location: { lat: number; lng: number } | null | undefined;
  contract: boolean | undefined;
  /** A technician's name or email, matched within the company. */
  preferredTechnician: string | null | undefined;
  /** The customer's id in the system the file comes from; unique in the company. */
  externalId: string | null | undefined;
}

/** How the file names one customer: by email when it has one, else by name and address. */
export function customerKey(r: Pick<CustomerCsvRow, "name" | "email" | "address"> & { externalId?: string | null }): string {
  if (r.externalId) return `external:${r.externalId}`;
  return r.email ? `email:${r.email.toLowerCase()}` : `name:${r.name.toLowerCase()}|${(r.address ?? "").toLowerCase()}`;
}

/**
 * Parses a customers CSV.
 *
 * @example
 * parseCustomersCsv("name;city;contract\r\nLakeview Diner;Chicago;yes")
 * // { rows: [{ row: 2, name: "Lakeview Diner", city: "Chicago", contract: true, … }], errors: [] }
 */
export function parseCustomersCsv(text: string): CsvParseResult<CustomerCsvRow> {
  return parseCsvWith(text, CUSTOMER_COLUMNS, CustomerRow, customersAcross);
}

function customersAcross(rows: CustomerCsvRow[]) {
  return [
    ...duplicateErrors(rows, customerKey, "name", (r) =>
      r.externalId ? `the customer with external id ${r.externalId}` : r.email ? `the customer with email ${r.email}` : `the customer ${r.name}${r.address ? ` at ${r.address}` : ""}`,
    ),
    // two rows keyed by external id may still not share one email
    ...duplicateErrors(rows, (r) => (r.externalId && r.email ? r.email.toLowerCase() : null), "email", (r) => `the email ${r.email}`),
  ];
}

/** The customers file for {@link readCsvFile}. */
export const CUSTOMERS_SPEC = { columns: CUSTOMER_COLUMNS, schema: CustomerRow, across: customersAcross } satisfies CsvSpec<typeof CustomerRow>;

/** What the customers export writes for one customer. */
export interface CustomerExport {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  location: { lat: number; lng: number } | null;
  contract: boolean;
  preferredTechnician: string | null;
  externalId?: string | null;
}

/** The customers as a CSV that imports back unchanged. */
export function serializeCustomers(customers: readonly CustomerExport[]): string {
  return toCsv(
    CUSTOMER_COLUMNS.map((c) => c.key),
    customers.map((c) => [c.name, c.email, c.phone, c.address, c.city, c.location?.lat, c.location?.lng, c.contract, c.preferredTechnician, c.externalId]),
  );
}
