import { describe, expect, test } from "vitest";
import { parseTechniciansCsv, serializeTechnicians } from "@/lib/csv/technicians-csv";

const HEADER = "name,email,phone,skills,home_lat,home_lng,home_address,mon,tue,wed,thu,fri,sat,sun,active";

describe("parseTechniciansCsv", () => {
  test("a good file", () => {
    const text = [
      HEADER,
      'Ali Haddad,ali@example.test,+13125550100,"HVAC; EPA-608",41.88,-87.63,"12 W Lake St, Chicago",08:00-16:30,08:00-16:30,08:00-16:30,08:00-16:30,08:00-12:00,,,yes',
      "Mei Chen,,,plumbing,41.87,-87.62,,,,9:00 - 17:00,,,off,,no",
    ].join("\r\n");
    const r = parseTechniciansCsv(text);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        row: 2,
        name: "Ali Haddad",
        email: "ali@example.test",
        phone: "+13125550100",
        skills: ["HVAC", "EPA-608"],
        home: { lat: 41.88, lng: -87.63 },
        homeAddress: "12 W Lake St, Chicago",
        shifts: {
          1: { start: "08:00", end: "16:30" },
          2: { start: "08:00", end: "16:30" },
          3: { start: "08:00", end: "16:30" },
          4: { start: "08:00", end: "16:30" },
          5: { start: "08:00", end: "12:00" },
          6: null,
          7: null,
        },
        active: true,
      },
      {
        row: 3,
        name: "Mei Chen",
        email: null,
        phone: null,
        skills: ["plumbing"],
        home: { lat: 41.87, lng: -87.62 },
        homeAddress: null,
        shifts: { 1: null, 2: null, 3: { start: "09:00", end: "17:00" }, 4: null, 5: null, 6: null, 7: null },
        active: false,
      },
    ]);
  });

  test("columns left out are left alone: no shifts, no active, no email", () => {
    const r = parseTechniciansCsv("name,home_lat,home_lng,sat\r\nAli Haddad,41.88,-87.63,09:00-13:00");
    expect(r.rows[0]).toMatchObject({ email: undefined, skills: undefined, active: undefined, shifts: { 6: { start: "09:00", end: "13:00" } } });
  });

  test.each([
    ["name,home_lat,home_lng\r\n,41.88,-87.63", { row: 2, column: "name", message: "is required" }],
    ["name,email,home_lat,home_lng\r\nAli,ali-at-example,41.88,-87.63", { row: 2, column: "email", message: "must be an email address like name@example.com, got 'ali-at-example'" }],
    ["name,home_lat,home_lng\r\nAli,,-87.63", { row: 2, column: "home_lat", message: "is required (a latitude like 41.88)" }],
    ["name,home_lat,home_lng\r\nAli,95,-87.63", { row: 2, column: "home_lat", message: "must be a latitude between -90 and 90, got '95'" }],
    ["name,home_lat,home_lng\r\nAli,41.88,west", { row: 2, column: "home_lng", message: "must be a longitude between -180 and 180, got 'west'" }],
    ["name,home_lat,home_lng,mon\r\nAli,41.88,-87.63,8 to 4", { row: 2, column: "mon", message: "must be a shift like 08:00-16:30 (empty for a day off), got '8 to 4'" }],
    ["name,home_lat,home_lng,tue\r\nAli,41.88,-87.63,16:30-08:00", { row: 2, column: "tue", message: "must end after it starts, got '16:30-08:00'" }],
    ["name,home_lat,home_lng,active\r\nAli,41.88,-87.63,sometimes", { row: 2, column: "active", message: "must be yes or no, got 'sometimes'" }],
    ["name,home_lat,home_lng,shoe_size\r\nAli,41.88,-87.63,44", { row: 1, column: "shoe_size", message: expect.stringContaining("unknown column 'shoe_size'") }],
    ["name,home_lng\r\nAli,-87.63", { row: 1, column: "home_lat", message: "the column home_lat is missing from the first row" }],
    [
      "name,email,home_lat,home_lng\r\nAli,ali@example.test,41.88,-87.63\r\nAlina,ALI@example.test,41.88,-87.63",
      { row: 3, column: "email", message: "the email ALI@example.test already appears on row 2" },
    ],
  ])("%j is refused: %j", (text, error) => {
    expect(parseTechniciansCsv(text).errors).toContainEqual(error);
  });

  test("a BOM and Excel's semicolons with comma decimals", () => {
    const r = parseTechniciansCsv('\uFEFFName;Skills;Home Lat;Home Lng;Monday\r\nAli Haddad;"HVAC; EPA-608";41,88;-87,63;08:00-16:30\r\n');
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ name: "Ali Haddad", skills: ["HVAC", "EPA-608"], home: { lat: 41.88, lng: -87.63 }, shifts: { 1: { start: "08:00", end: "16:30" } } });
  });
});

describe("serializeTechnicians", () => {
  test("writes what parses back the same, guarding the phone's leading +", () => {
    const text = serializeTechnicians([
      {
        name: "Ali Haddad",
        email: "ali@example.test",
        phone: "+13125550100",
        skills: ["HVAC", "EPA-608"],
        home: { lat: 41.88, lng: -87.63 },
        homeAddress: null,
        shifts: { 1: { start: "08:00", end: "16:30" } },
        active: true,
      },
    ]);
    expect(text.split("\r\n")[1]).toBe(`Ali Haddad,ali@example.test,"'+13125550100","HVAC; EPA-608",41.88,-87.63,,08:00-16:30,,,,,,,yes,`);
    expect(parseTechniciansCsv(text).rows[0]).toMatchObject({ phone: "+13125550100", skills: ["HVAC", "EPA-608"], shifts: { 1: { start: "08:00", end: "16:30" }, 2: null } });
  });
});
