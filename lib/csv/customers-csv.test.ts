import { describe, expect, test } from "vitest";
import { customerKey, parseCustomersCsv, serializeCustomers } from "@/lib/csv/customers-csv";

describe("parseCustomersCsv", () => {
  test("a good file", () => {
    const text = [
      "name,email,phone,address,city,lat,lng,contract,preferred_technician",
      "Lakeview Diner,diner@example.test,+13125550199,1200 W Belmont Ave,Chicago,41.94,-87.66,yes,Ali Haddad",
      "Oak Dental,,,,Evanston,,,no,",
    ].join("\r\n");
    const r = parseCustomersCsv(text);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        row: 2,
        name: "Lakeview Diner",
        email: "diner@example.test",
        phone: "+13125550199",
        address: "1200 W Belmont Ave",
        city: "Chicago",
        location: { lat: 41.94, lng: -87.66 },
        contract: true,
        preferredTechnician: "Ali Haddad",
      },
      { row: 3, name: "Oak Dental", email: null, phone: null, address: null, city: "Evanston", location: null, contract: false, preferredTechnician: null },
    ]);
  });

  test("headers in any case and spacing; columns left out stay undefined", () => {
    const r = parseCustomersCsv("  NAME , Service Contract \r\nLakeview Diner,Y");
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toEqual({
      row: 2,
      name: "Lakeview Diner",
      email: undefined,
      phone: undefined,
      address: undefined,
      city: undefined,
      location: undefined,
      contract: true,
      preferredTechnician: undefined,
    });
  });

  test.each([
    ["name,contract\r\nDiner,maybe", { row: 2, column: "contract", message: "must be yes or no, got 'maybe'" }],
    ["name,lat,lng\r\nDiner,41.9,", { row: 2, column: "lng", message: "give both lat and lng, or neither" }],
    ["name,email\r\nDiner,diner@", { row: 2, column: "email", message: "must be an email address like name@example.com, got 'diner@'" }],
    ["name,address\r\nDiner,1 Main St\r\nDiner,1 main st", { row: 3, column: "name", message: "the customer Diner at 1 main st already appears on row 2" }],
    ["city\r\nChicago", { row: 1, column: "name", message: "the column name is missing from the first row" }],
  ])("%j is refused: %j", (text, error) => {
    expect(parseCustomersCsv(text).errors).toContainEqual(error);
  });

  test("a BOM and semicolons", () => {
    const r = parseCustomersCsv("\uFEFFname;city;lat;lng\r\nLakeview Diner;Chicago;41,94;-87,66\r\n");
    expect(r.errors).toEqual([]);
    expect(r.rows[0].location).toEqual({ lat: 41.94, lng: -87.66 });
  });

  test("the natural key: email when there is one, else name and address", () => {
    expect(customerKey({ name: "Diner", email: "D@x.test", address: "1 Main" })).toBe("email:d@x.test");
    expect(customerKey({ name: "Diner", email: null, address: "1 Main" })).toBe("name:diner|1 main");
    expect(customerKey({ name: "Diner", email: "D@x.test", address: "1 Main", externalId: "ACME-7" })).toBe("external:ACME-7");
  });

  test("an external id names one customer: two rows with it are refused", () => {
    const r = parseCustomersCsv("name,external_id,email\r\nDiner,C-1,a@x.test\r\nDiner Two,C-1,b@x.test\r\nCafe,C-2,a@x.test");
    expect(r.errors).toEqual([
      { row: 3, column: "name", message: "the customer with external id C-1 already appears on row 2" },
      { row: 4, column: "email", message: "the email a@x.test already appears on row 2" },
    ]);
    expect(r.rows[0]).toMatchObject({ name: "Diner", externalId: "C-1" });
  });
});

describe("serializeCustomers", () => {
  test("a name that looks like a formula is guarded, and reads back unguarded", () => {
    const text = serializeCustomers([
      { name: "=cmd|' /C calc'!A0", email: null, phone: null, address: null, city: "Chicago", location: null, contract: false, preferredTechnician: null },
    ]);
    expect(text.split("\r\n")[1]).toBe(`"'=cmd|' /C calc'!A0",,,,Chicago,,,no,,`);
    expect(parseCustomersCsv(text).rows[0].name).toBe("=cmd|' /C calc'!A0");
  });
});
