import { describe, expect, test } from "vitest";
import { BOARD_EXPORT_HEADER, boardTemplateCsv, parseBoardCsv, serializeBoard, type BoardExportRow } from "@/lib/csv/board-csv";

const TZ = { timeZone: "America/Chicago" };
const HEADER =
  "work_order,customer,description,priority,required_skills,estimated_minutes,address,city,lat,lng,window_start,window_end,deadline,sla_protected,notes,technician,helpers,start,end";

describe("parseBoardCsv", () => {
  test("a good file: local times in the company's zone, ISO with an offset, labels for priority", () => {
    const text = [
      HEADER,
      "WO-1042,Lakeview Diner,No heat,Emergency,HVAC; EPA-608,90,1200 W Belmont Ave,Chicago,41.94,-87.66,2026-11-23 09:00,2026-11-23 11:00,2026-11-23 17:00,yes,Back door,Ali Haddad,Sam Okafor; mei@example.test,2026-11-23 09:30,2026-11-23 11:00",
      "WO-1043,Oak Dental,Filter change,2,,45,,,,,,,2026-11-24T18:00:00Z,,,,,,",
    ].join("\r\n");
    const r = parseBoardCsv(text, TZ);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toEqual({
      row: 2,
      workOrder: "WO-1042",
      customer: "Lakeview Diner",
      description: "No heat",
      priority: 1,
      requiredSkills: ["HVAC", "EPA-608"],
      estimatedMinutes: 90,
      address: "1200 W Belmont Ave",
      city: "Chicago",
      location: { lat: 41.94, lng: -87.66 },
      windowStart: "2026-11-23T15:00:00.000Z",
      windowEnd: "2026-11-23T17:00:00.000Z",
      deadline: "2026-11-23T23:00:00.000Z",
      slaProtected: true,
      notes: "Back door",
      assignment: { technician: "Ali Haddad", helpers: ["Sam Okafor", "mei@example.test"], start: "2026-11-23T15:30:00.000Z", end: "2026-11-23T17:00:00.000Z" },
    });
    expect(r.rows[1]).toMatchObject({
      priority: 2,
      requiredSkills: [],
      // empty cells of fields with defaults are "not given"
      address: undefined,
      location: undefined,
      slaProtected: undefined,
      windowStart: null,
      deadline: "2026-11-24T18:00:00.000Z",
      notes: null,
      assignment: null,
    });
  });

  test("without a technician column the placement is left alone", () => {
    const r = parseBoardCsv("work_order,customer\r\nWO-1,Diner", TZ);
    expect(r.rows[0].assignment).toBeUndefined();
  });

  test.each([
    ["estimated_minutes\r\nninety", "estimated_minutes", "must be a whole number of minutes, got 'ninety'"],
    ["estimated_minutes\r\n2000", "estimated_minutes", "must be between 1 and 1440 minutes, got '2000'"],
    ["priority\r\nurgent", "priority", "must be 1-4 or Emergency, High, Normal, Low, got 'urgent'"],
    ["deadline\r\ntomorrow", "deadline", "must be a date and time like 2026-11-23 09:30 (America/Chicago) or ISO 8601, got 'tomorrow'"],
    ["deadline\r\n2026-02-30 09:00", "deadline", "must be a date and time like 2026-11-23 09:30 (America/Chicago) or ISO 8601, got '2026-02-30 09:00'"],
    ["window_start,window_end\r\n2026-11-23 09:00,", "window_end", "give both ends of the arrival window, or neither"],
    ["window_start,window_end\r\n2026-11-23 11:00,2026-11-23 09:00", "window_end", "the arrival window must end after it starts"],
    ["window_start\r\n2026-11-23 11:00", "window_end", "window_start and window_end go together: add both columns, or neither"],
    ["technician,start,end\r\nAli Haddad,2026-11-23 09:00,", "end", "is required when a technician is given"],
    ["technician,start,end\r\nAli Haddad,2026-11-23 11:00,2026-11-23 10:00", "end", "must be after start"],
    ["technician,helpers,start,end\r\nAli Haddad,ali haddad,2026-11-23 09:00,2026-11-23 10:00", "helpers", "Ali Haddad leads the crew and cannot also be a helper"],
    ["technician,helpers\r\n,Sam Okafor", "helpers", "needs a technician to lead the crew"],
    ["technician,start\r\n,2026-11-23 09:00", "technician", "is required when start or end is given"],
    ["sla_protected\r\nmaybe", "sla_protected", "must be yes or no, got 'maybe'"],
    ["lat,lng\r\n41.9,", "lng", "give both lat and lng, or neither"],
  ])("%j: %s — %s", (cells, column, message) => {
    const [head, row] = cells.split("\r\n");
    const r = parseBoardCsv(`work_order,customer,${head}\r\nWO-1,Diner,${row}`, TZ);
    expect(r.errors).toEqual([{ row: 2, column, message }]);
  });

  test("row numbers count the header as row 1 and skip nothing", () => {
    const text = ["work_order,customer,estimated_minutes", "WO-1,Diner,60", "WO-2,Diner,60", "", "WO-3,Diner,60", "WO-4,Diner,60", "WO-5,Diner,ninety"].join("\r\n");
    expect(parseBoardCsv(text, TZ).errors).toEqual([{ row: 7, column: "estimated_minutes", message: "must be a whole number of minutes, got 'ninety'" }]);
  });

  test("a work order twice in one file", () => {
    const r = parseBoardCsv("work_order,customer\r\nWO-1,Diner\r\nwo-1,Dental", TZ);
    expect(r.errors).toEqual([{ row: 3, column: "work_order", message: "work order wo-1 already appears on row 2" }]);
  });

  test("missing required columns stop before the rows", () => {
    const r = parseBoardCsv("work_order,description\r\nWO-1,x\r\nWO-2,y", TZ);
    expect(r.errors).toEqual([{ row: 1, column: "customer", message: "the column customer is missing from the first row" }]);
    expect(r.rows).toEqual([]);
  });

  test("Excel's semicolons and a BOM", () => {
    const r = parseBoardCsv("\uFEFFWork Order;Customer;Estimated Minutes;Lat;Lng\r\nWO-1;Diner;45;41,9;-87,6\r\n", TZ);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ workOrder: "WO-1", estimatedMinutes: 45, location: { lat: 41.9, lng: -87.6 } });
  });
});

describe("serializeBoard", () => {
  const row: BoardExportRow = {
    workOrder: "WO-1042",
    customerName: "Lakeview Diner",
    technician: "Ali Haddad",
    helpers: ["Sam Okafor"],
    start: "2026-11-23T15:30:00.000Z",
    end: "2026-11-23T17:00:00.000Z",
    status: "scheduled",
    priority: 2,
    city: "Chicago",
    slaProtected: true,
    contract: false,
    description: "=1+1 looks like a formula",
    requiredSkills: ["HVAC"],
    estimatedMinutes: 90,
    address: null,
    location: { lat: 41.94, lng: -87.66 },
    windowStart: null,
    windowEnd: null,
    deadline: "2026-11-23T23:00:00.000Z",
    notes: null,
  };

  test("header, local times, labels, the formula guard", () => {
    const lines = serializeBoard([row], "America/Chicago").split("\r\n");
    expect(lines[0]).toBe(`\uFEFF${BOARD_EXPORT_HEADER.join(",")}`);
    expect(lines[1]).toBe(
      `WO-1042,Lakeview Diner,Ali Haddad,Sam Okafor,2026-11-23 09:30,2026-11-23 11:00,Scheduled,High,Chicago,yes,no,"'=1+1 looks like a formula",HVAC,90,,41.94,-87.66,,,2026-11-23 17:00,`,
    );
  });

  test("reads back as the same job and placement", () => {
    const r = parseBoardCsv(serializeBoard([row], "America/Chicago"), TZ);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      workOrder: "WO-1042",
      description: "=1+1 looks like a formula",
      priority: 2,
      slaProtected: true,
      deadline: row.deadline,
      assignment: { technician: "Ali Haddad", helpers: ["Sam Okafor"], start: row.start, end: row.end },
    });
  });

  test("the blank template has every importable column", () => {
    expect(boardTemplateCsv()).toBe(`\uFEFF${HEADER}\r\n`);
  });
});
