import { describe, expect, test } from "vitest";
import { describeContext } from "@/lib/audit/context";
import { describeAuditEntry } from "@/lib/audit/describe";
import { fieldChanges, formatAuditTime } from "@/lib/audit/fields";
import { referencesOf, withNamesFromRecords } from "@/lib/audit/references";
import { EMPTY_NAMES, type AuditNames, type AuditRecord } from "@/lib/audit/types";

const TZ = { timeZone: "America/Chicago" };

const NAMES: AuditNames = {
  people: { dana: "Dana Novak", ali: "Ali Haddad" },
  technicians: { ali: "Ali Haddad", sam: "Sam Okafor", mei: "Mei Chen" },
  jobs: { j1042: "WO-1042", j1099: "WO-1099" },
  customers: { acme: "Acme Diner", beta: "Beta Bakery" },
  assignments: { a1: "WO-1042" },
};

const JOB = {
  id: "j1042",
  org_id: "org",
  work_order: "WO-1042",
  customer_id: "acme",
  description: "Walk-in freezer not holding temperature",
  priority: 3,
  status: "scheduled",
  estimated_minutes: 90,
  required_skills: ["refrigeration"],
  deadline: null,
  version: 4,
  updated_at: "2026-11-23T14:00:00+00:00",
};

const ASSIGNMENT = {
  id: "a1",
  org_id: "org",
  job_id: "j1042",
  leader_id: "ali",
  starts_at: "2026-11-23T15:00:00+00:00",
  ends_at: "2026-11-23T16:30:00+00:00",
  active: true,
  published_at: null,
  version: 1,
};

function rec(partial: Partial<AuditRecord> & Pick<AuditRecord, "tableName" | "action">): AuditRecord {
  return { id: "1", at: "2026-11-23T15:14:00Z", actorId: "dana", rowId: null, before: null, after: null, context: null, ...partial };
}

describe("describeAuditEntry: sentences", () => {
  test.each<[string, AuditRecord, string]>([
    [
      "a dispatcher's board change uses its own summary",
      rec({
        tableName: "board_changes",
        action: "insert",
        after: { job_id: "j1042", kind: "move", summary: "Dana moved WO-1042 from Ali 09:00 to Sam 13:30", before: null, after: null },
      }),
      "Dana moved WO-1042 from Ali 09:00 to Sam 13:30",
    ],
    [
      "undoing a board change",
      rec({
        tableName: "board_changes",
        action: "update",
        before: { summary: "Dana moved WO-1042 from Ali 09:00 to Sam 13:30", undone_at: null },
        after: { summary: "Dana moved WO-1042 from Ali 09:00 to Sam 13:30", undone_at: "2026-11-23T15:20:00+00:00" },
      }),
      "Dana Novak undid “Dana moved WO-1042 from Ali 09:00 to Sam 13:30”",
    ],
    [
      "a publication with its counts",
      rec({
        tableName: "publications",
        action: "insert",
        after: { day: "2026-11-23", assignment_count: 12, technician_notices: 5, customer_notices: 9 },
      }),
      "Dana Novak published Monday, November 23 (12 visits, 5 technician notices, 9 customer notices)",
    ],
    [
      "a day optimisation says what it saved",
      rec({
        tableName: "day_optimisations",
        action: "insert",
        after: { day: "2026-11-23", summary: "Dana Novak optimised 2026-11-23: Driving 412 min → 356 min (−56 min); 3 jobs move, 2 placed from the queue" },
      }),
      "Dana Novak optimised 2026-11-23: Driving 412 min → 356 min (−56 min); 3 jobs move, 2 placed from the queue",
    ],
    [
      "a day optimisation undone",
      rec({
        tableName: "day_optimisations",
        action: "update",
        before: { day: "2026-11-23", summary: "Dana Novak optimised 2026-11-23: Driving 412 min → 356 min (−56 min)", undone_at: null },
        after: { day: "2026-11-23", summary: "Dana Novak optimised 2026-11-23: Driving 412 min → 356 min (−56 min)", undone_at: "2026-11-23T15:10:00Z" },
      }),
      "Dana Novak undid “Dana Novak optimised 2026-11-23: Driving 412 min → 356 min (−56 min)”",
    ],
    [
      "a publication counts in the singular",
      rec({
        tableName: "publications",
        action: "insert",
        after: { day: "2026-11-24", assignment_count: 1, technician_notices: 1, customer_notices: 0 },
      }),
      "Dana Novak published Tuesday, November 24 (1 visit, 1 technician notice, 0 customer notices)",
    ],
    [
      "a job's priority raised",
      rec({ tableName: "jobs", action: "update", before: JOB, after: { ...JOB, priority: 2, version: 5 } }),
      "Dana Novak changed job WO-1042: priority Normal → High",
    ],
    [
      "several fields of a job, the bookkeeping left out",
      rec({
        tableName: "jobs",
        action: "update",
        before: JOB,
        after: { ...JOB, status: "done", estimated_minutes: 120, customer_id: "beta", deadline: "2026-11-24T23:00:00+00:00", version: 9 },
      }),
      "Dana Novak changed job WO-1042: customer Acme Diner → Beta Bakery; status Scheduled → Done; length 1 h 30 min → 2 h and 1 more",
    ],
    ["the system creates a job", rec({ tableName: "jobs", action: "insert", actorId: null, after: { ...JOB, work_order: "WO-1099" } }), "The system created job WO-1099"],
    ["a job deleted", rec({ tableName: "jobs", action: "delete", before: JOB }), "Dana Novak deleted job WO-1042"],
    ["a technician added", rec({ tableName: "technicians", action: "insert", after: { name: "Sam Okafor", skills: ["HVAC"] } }), "Dana Novak added technician Sam Okafor"],
    [
      "a technician's skills changed",
      rec({ tableName: "technicians", action: "update", before: { name: "Sam Okafor", skills: ["HVAC"] }, after: { name: "Sam Okafor", skills: ["HVAC", "boiler"] } }),
      "Dana Novak changed technician Sam Okafor: skills HVAC → HVAC, boiler",
    ],
    ["a technician removed", rec({ tableName: "technicians", action: "delete", before: { name: "Sam Okafor" } }), "Dana Novak removed technician Sam Okafor"],
    ["a customer added", rec({ tableName: "customers", action: "insert", after: { name: "Acme Diner" } }), "Dana Novak added customer Acme Diner"],
    [
      "a visit scheduled",
      rec({ tableName: "assignments", action: "insert", after: ASSIGNMENT }),
      "Dana Novak scheduled WO-1042 for Ali Haddad, Mon Nov 23 09:00–10:30",
    ],
    [
      "a visit moved to another technician later the same day",
      rec({
        tableName: "assignments",
        action: "update",
        before: ASSIGNMENT,
        after: { ...ASSIGNMENT, leader_id: "sam", starts_at: "2026-11-23T19:30:00+00:00", ends_at: "2026-11-23T21:00:00+00:00", version: 2 },
      }),
      "Dana Novak changed the visit for WO-1042: crew leader Ali Haddad → Sam Okafor; start Mon Nov 23 09:00 → 13:30; end Mon Nov 23 10:30 → 15:00",
    ],
    [
      "a visit moved to another day shows both days",
      rec({
        tableName: "assignments",
        action: "update",
        before: ASSIGNMENT,
        after: { ...ASSIGNMENT, starts_at: "2026-11-24T15:00:00+00:00", ends_at: "2026-11-24T16:30:00+00:00" },
      }),
      "Dana Novak changed the visit for WO-1042: start Mon Nov 23 09:00 → Tue Nov 24 09:00; end Mon Nov 23 10:30 → Tue Nov 24 10:30",
    ],
    [
      "a visit taken off the board",
      rec({ tableName: "assignments", action: "update", before: ASSIGNMENT, after: { ...ASSIGNMENT, active: false } }),
      "Dana Novak took WO-1042 off the board (was Ali Haddad, Mon Nov 23 09:00–10:30)",
    ],
    [
      "a visit published",
      rec({ tableName: "assignments", action: "update", before: ASSIGNMENT, after: { ...ASSIGNMENT, published_at: "2026-11-22T20:00:00+00:00" } }),
      "Dana Novak published the visit for WO-1042 (Ali Haddad, Mon Nov 23 09:00–10:30)",
    ],
    [
      "a visit of a job that no longer exists",
      rec({ tableName: "assignments", action: "delete", before: { ...ASSIGNMENT, job_id: "gone", leader_id: "gone" } }),
      "Dana Novak deleted the visit for a removed job (a removed technician, Mon Nov 23 09:00–10:30)",
    ],
    [
      "a helper added",
      rec({ tableName: "assignment_helpers", action: "insert", after: { assignment_id: "a1", technician_id: "mei" } }),
      "Dana Novak added Mei Chen as a helper on WO-1042",
    ],
    [
      "a helper removed",
      rec({ tableName: "assignment_helpers", action: "delete", before: { assignment_id: "a1", technician_id: "mei" } }),
      "Dana Novak removed Mei Chen as a helper on WO-1042",
    ],
    [
      "a shift shortened",
      rec({
        tableName: "technician_shifts",
        action: "update",
        before: { technician_id: "sam", weekday: 1, starts_at: "08:00:00", ends_at: "16:30:00" },
        after: { technician_id: "sam", weekday: 1, starts_at: "08:00:00", ends_at: "12:00:00" },
      }),
      "Dana Novak changed Sam Okafor's Monday shift: end 16:30 → 12:00",
    ],
    [
      "a shift added",
      rec({ tableName: "technician_shifts", action: "insert", after: { technician_id: "sam", weekday: 6, starts_at: "09:00:00", ends_at: "13:00:00" } }),
      "Dana Novak added a Saturday shift for Sam Okafor (09:00–13:00)",
    ],
    [
      "time off added",
      rec({
        tableName: "time_off",
        action: "insert",
        after: { technician_id: "sam", starts_at: "2026-11-23T18:30:00+00:00", ends_at: "2026-11-23T23:00:00+00:00", reason: "Dentist appointment" },
      }),
      "Dana Novak added time off for Sam Okafor: Mon Nov 23 12:30–17:00 (Dentist appointment)",
    ],
    [
      "time off over several days",
      rec({
        tableName: "time_off",
        action: "delete",
        before: { technician_id: "sam", starts_at: "2026-11-23T14:00:00+00:00", ends_at: "2026-11-25T23:00:00+00:00", reason: null },
      }),
      "Dana Novak removed time off for Sam Okafor: Mon Nov 23 08:00 – Wed Nov 25 17:00",
    ],
    ["a member added", rec({ tableName: "memberships", action: "insert", after: { user_id: "ali", role: "dispatcher" } }), "Dana Novak added Ali Haddad as dispatcher"],
    [
      "a member's role changed",
      rec({ tableName: "memberships", action: "update", before: { user_id: "ali", role: "dispatcher" }, after: { user_id: "ali", role: "admin" } }),
      "Dana Novak changed Ali Haddad's role: dispatcher → admin",
    ],
    ["a member removed", rec({ tableName: "memberships", action: "delete", before: { user_id: "zed", role: "viewer" } }), "Dana Novak removed a former member from the company"],
    [
      "company settings",
      rec({ tableName: "companies", action: "update", before: { name: "Polar Air", capacity_threshold: 0.85 }, after: { name: "Polar Air", capacity_threshold: 0.5 } }),
      "Dana Novak changed the company settings: capacity threshold 85% → 50%",
    ],
    ["a person who left the company", rec({ tableName: "jobs", action: "insert", actorId: "left", after: JOB }), "A former member created job WO-1042"],
    ["a table the trail does not know", rec({ tableName: "price_lists", action: "insert", after: { name: "2027" } }), "Dana Novak added a price lists row"],
  ])("%s", (_, record, sentence) => {
    expect(describeAuditEntry(record, NAMES, TZ).sentence).toBe(sentence);
  });
});

describe("describeContext", () => {
  test.each<[string, Record<string, unknown> | null, string[]]>([
    ["nothing recorded", null, []],
    ["an undo", { undo: true }, ["(undo)"]],
    ["customer not told", { notify_customer: false }, ["customer not notified"]],
    ["customer told", { notify_customer: true }, ["customer notified"]],
    ["both, in the order recorded", { undo: true, notify_customer: false }, ["(undo)", "customer not notified"]],
    ["a reason", { reason: "customer asked" }, ["reason: “customer asked”"]],
    ["a known source", { source: "import" }, ["via CSV import"]],
    ["an unknown source", { source: "night_batch" }, ["via night batch"]],
    ["anything else, as recorded", { bump_option: 2 }, ["bump option: 2"]],
    ["undo false says nothing", { undo: false }, []],
    ["a dispatcher's correction of a visit status", { kind: "visit_status", status: "done", correction: true }, ["status: done", "dispatcher's correction"]],
  ])("%s", (_, context, notes) => {
    expect(describeContext(context)).toEqual(notes);
  });

  test("a board change's own notify choice is not repeated when the context says the same", () => {
    const record = rec({
      tableName: "board_changes",
      action: "insert",
      context: { notify_customer: false },
      after: { summary: "Dana moved WO-1042 from Ali 09:00 to Sam 13:30", notify_customer: false },
    });
    expect(describeAuditEntry(record, NAMES, TZ).notes).toEqual(["customer not notified"]);
  });

  test("an undo's context rides along with the sentence", () => {
    const record = rec({ tableName: "assignments", action: "update", context: { undo: true }, before: ASSIGNMENT, after: { ...ASSIGNMENT, leader_id: "sam" } });
    const d = describeAuditEntry(record, NAMES, TZ);
    expect(d.sentence).toBe("Dana Novak changed the visit for WO-1042: crew leader Ali Haddad → Sam Okafor");
    expect(d.notes).toEqual(["(undo)"]);
  });
});

describe("fieldChanges: the details", () => {
  test("an update lists only what changed, with readable values", () => {
    const record = rec({ tableName: "jobs", action: "update", before: JOB, after: { ...JOB, priority: 1, deadline: "2026-11-23T23:00:00+00:00", version: 5 } });
    expect(fieldChanges(record, NAMES, TZ)).toEqual([
      { field: "priority", label: "priority", before: "Normal", after: "Emergency" },
      { field: "deadline", label: "deadline", before: "none", after: "Mon Nov 23 17:00" },
    ]);
  });

  test("an insert lists the values it was created with, not the empty ones", () => {
    const record = rec({ tableName: "jobs", action: "insert", after: JOB });
    const fields = fieldChanges(record, NAMES, TZ);
    expect(fields.map((f) => f.label)).toEqual(["work order", "customer", "description", "priority", "status", "length", "skills needed"]);
    expect(fields.every((f) => f.before === null)).toBe(true);
    expect(fields.find((f) => f.field === "customer_id")?.after).toBe("Acme Diner");
  });

  test("details come in a readable order whatever order the database kept the keys in", () => {
    const jsonbOrder = { id: "a1", active: true, job_id: "j1042", ends_at: ASSIGNMENT.ends_at, leader_id: "ali", starts_at: ASSIGNMENT.starts_at };
    const fields = fieldChanges(rec({ tableName: "assignments", action: "insert", after: jsonbOrder }), NAMES, TZ);
    expect(fields.map((f) => f.label)).toEqual(["job", "crew leader", "start", "end", "active"]);
  });

  test("a delete lists what was lost", () => {
    const fields = fieldChanges(rec({ tableName: "technicians", action: "delete", before: { id: "x", name: "Sam Okafor", active: true } }), NAMES, TZ);
    expect(fields).toEqual([
      { field: "name", label: "name", before: "Sam Okafor", after: null },
      { field: "active", label: "active", before: "yes", after: null },
    ]);
  });

  test("a board change shows its placements, crew and times, even when one side is empty", () => {
    const record = rec({
      tableName: "board_changes",
      action: "insert",
      after: {
        summary: "Dana assigned WO-1042 to Sam 13:30",
        before: null,
        after: { leaderId: "sam", helperIds: ["mei"], start: "2026-11-23T19:30:00.000Z", end: "2026-11-23T21:00:00.000Z" },
      },
    });
    const fields = fieldChanges(record, NAMES, TZ);
    expect(fields.find((f) => f.field === "before")?.after).toBe("unassigned");
    expect(fields.find((f) => f.field === "after")?.after).toBe("Sam Okafor + Mei Chen, Mon Nov 23 13:30–15:00");
  });

  test("the same instant spelled two ways is no change", () => {
    const record = rec({
      tableName: "assignments",
      action: "update",
      before: { ...ASSIGNMENT, starts_at: "2026-11-23T15:00:00+00:00" },
      after: { ...ASSIGNMENT, starts_at: "2026-11-23T15:00:00.000Z", published_at: "2026-11-23T01:00:00+00:00" },
    });
    expect(fieldChanges(record, NAMES, TZ).map((f) => f.field)).toEqual(["published_at"]);
  });
});

describe("referencesOf", () => {
  test("collects every id a page mentions, once, by kind", () => {
    const refs = referencesOf([
      rec({ tableName: "assignments", action: "update", actorId: "dana", before: ASSIGNMENT, after: { ...ASSIGNMENT, leader_id: "sam" } }),
      rec({ tableName: "assignment_helpers", action: "insert", actorId: "dana", after: { assignment_id: "a1", technician_id: "mei" } }),
      rec({ tableName: "jobs", action: "insert", actorId: null, after: JOB }),
      rec({ tableName: "memberships", action: "insert", actorId: "dana", after: { user_id: "ali", role: "viewer" } }),
      rec({
        tableName: "board_changes",
        action: "insert",
        actorId: "dana",
        after: { job_id: "j1099", before: { leaderId: "ali", helperIds: ["zed"] }, after: null },
      }),
    ]);
    expect(refs.people.sort()).toEqual(["ali", "dana"]);
    expect(refs.technicians.sort()).toEqual(["ali", "mei", "sam", "zed"]);
    expect(refs.jobs.sort()).toEqual(["j1042", "j1099"]);
    expect(refs.customers).toEqual(["acme"]);
    expect(refs.assignments).toEqual(["a1"]);
  });

  test("an empty page needs no look-ups", () => {
    expect(referencesOf([])).toEqual({ people: [], technicians: [], jobs: [], customers: [], assignments: [] });
  });
});

describe("formatAuditTime", () => {
  test.each([
    ["2026-11-23T15:14:00Z", "America/Chicago", "Mon Nov 23 09:14"],
    ["2026-11-23T05:14:00Z", "America/Chicago", "Sun Nov 22 23:14"],
    ["2026-07-01T12:00:00Z", "Europe/Berlin", "Wed Jul 1 14:00"],
  ])("%s in %s", (at, tz, expected) => {
    expect(formatAuditTime(at, tz)).toBe(expected);
  });

  test("the names passed in are used, never guessed", () => {
    const d = describeAuditEntry(rec({ tableName: "jobs", action: "insert", after: JOB }), EMPTY_NAMES, TZ);
    expect(d.actor).toBe("A former member");
  });
});

describe("withNamesFromRecords", () => {
  test("a deleted technician is still named by the row the trail kept", () => {
    const deleted = rec({ tableName: "technicians", action: "delete", rowId: "gone", before: { id: "gone", name: "Old Timer" } });
    const shift = rec({ tableName: "technician_shifts", action: "delete", before: { technician_id: "gone", weekday: 2, starts_at: "08:00", ends_at: "12:00" } });
    const names = withNamesFromRecords(NAMES, [deleted, shift]);
    expect(describeAuditEntry(shift, names, TZ).sentence).toBe("Dana Novak removed Old Timer's Tuesday shift (08:00–12:00)");
    expect(NAMES.technicians.gone).toBeUndefined();
  });

  test("a name the look-up found wins over an old spelling in the trail", () => {
    const renamed = rec({ tableName: "technicians", action: "update", rowId: "sam", before: { name: "Sammy" }, after: { name: "Sammy O." } });
    expect(withNamesFromRecords(NAMES, [renamed]).technicians.sam).toBe("Sam Okafor");
  });
});
