"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { addContact, createCustomerWithSite, removeContact, saveSite, searchCustomers, updateCustomer } from "@/lib/db/customers";
import { geocodeAddress, type GeocodeResult } from "@/lib/geo/geocoder";
import { resolvePlace } from "@/lib/geo/resolve-place";
import { ContactIdSchema, ContactSchema, CustomerSchema, CustomerSearchSchema, LookupAddressSchema, QuickCustomerSchema, SiteSchema } from "@/lib/schemas/records";

const EDITORS = ["admin", "dispatcher"] as const;
const EVERYONE = ["admin", "dispatcher", "technician", "viewer"] as const;

/** The picker's search: name, phone, email or a site's address. */
export const searchCustomersAction = defineAction({
  roles: EVERYONE,
  schema: CustomerSearchSchema,
  run: ({ q, limit }, { session, tx }) => searchCustomers(tx, session.user.orgId, { q, pageSize: limit }),
});

/** Looks an address up (the geocoding service, else the postal-code centre) for the map. */
export const lookupAddressAction = defineAction({
  roles: EDITORS,
  schema: LookupAddressSchema,
  run: async (input): Promise<GeocodeResult> =>
    geocodeAddress({ line1: input.address, city: input.city, region: input.region, postalCode: input.postalCode, country: input.country || "US" }),
});

/** A first-time caller: the customer and their site in one go. */
export const createQuickCustomerAction = defineAction({
  roles: EDITORS,
  schema: QuickCustomerSchema,
  run: async (input, { session, tx }) => {
    const place = await resolvePlace(input.site, "site.address");
    const created = await createCustomerWithSite(tx, session.user.orgId, { name: input.name, phone: input.phone, email: input.email }, place);
    return { id: created.customerId, name: input.name, phone: input.phone, email: input.email, contract: false, site: created.site };
  },
});

/** Creates a customer with its first site, or saves a customer's details and terms. */
export const saveCustomerAction = defineAction({
  roles: EDITORS,
  schema: CustomerSchema.extend({ site: QuickCustomerSchema.shape.site.optional() }),
  run: async ({ id, version, site, ...input }, { session, tx }) => {
    if (id) {
      if (!version) throw new ActionFailure("validation", "Reload the customer before saving.");
      return updateCustomer(tx, session.user.orgId, id, version, input);
    }
    if (!site) throw new ActionFailure("validation", "A new customer needs a site address.", { "site.address": ["Enter the street address."] });
    const place = await resolvePlace(site, "site.address");
    const created = await createCustomerWithSite(tx, session.user.orgId, input, place);
    return { id: created.customerId, version: 1 };
  },
});

export const saveSiteAction = defineAction({
  roles: EDITORS,
  schema: SiteSchema,
  run: async ({ customerId, id, version, place, ...site }, { session, tx }) =>
    saveSite(tx, session.user.orgId, customerId, { id, version, ...site, place: await resolvePlace(place, "place.address") }),
});

export const addContactAction = defineAction({
  roles: EDITORS,
  schema: ContactSchema,
  run: ({ customerId, ...contact }, { session, tx }) => addContact(tx, session.user.orgId, customerId, contact),
});

export const removeContactAction = defineAction({
  roles: EDITORS,
  schema: ContactIdSchema,
  run: ({ customerId, id }, { session, tx }) => removeContact(tx, session.user.orgId, customerId, id),
});
