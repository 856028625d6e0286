import { describe, expect, test } from "vitest";
import { describeChange, groupChanges, headlineOf } from "@/lib/audit/group";
import { EMPTY_NAMES, type AuditNames, type AuditRecord } from "@/lib/audit/types";

const TZ = { timeZone: "America/Chicago" };
const NAMES: AuditNames = {
  ...EMPTY_NAMES,
  people: { dana: "Dana Novak" },
  technicians: { ali: "Ali Haddad", sam: "Sam Okafor" },
  jobs: { j1: "WO-1042" },
  assignments: { a1: "WO-1042" },
};

let nextId = 1;
function row(partial: Partial<AuditRecord> & Pick<AuditRecord, "tableName" | "action">, key = "t1", rowCount = 3) {
  return {
    id: String(nextId++),
    at: "2026-11-23T15:14:00Z",
    actorId: "dana",
    rowId: null,
    before: null,
    after: null,
    context: null,
    ...partial,
    changeKey: key,
    rowCount,
  };
}

// what one drag writes, in the order the database writes it
const drag = () => [
  row({
    tableName: "assignments",
    action: "update",
    rowId: "a1",
    before: { job_id: "j1", leader_id: "ali", starts_at: "2026-11-23T15:00:00Z", ends_at: "2026-11-23T16:00:00Z" },
    after: { job_id: "j1", leader_id: "sam", starts_at: "2026-11-23T19:30:00Z", ends_at: "2026-11-23T20:30:00Z" },
    context: { notify_customer: false, kind: "move", change_id: "2d66384c-d485-4c5d-aa17-de32fad9ef38" },
  }),
  row({ tableName: "jobs", action: "update", rowId: "j1", before: { work_order: "WO-1042", version: 3 }, after: { work_order: "WO-1042", version: 4 } }),
  row({
    tableName: "board_changes",
    action: "insert",
    after: { job_id: "j1", kind: "move", summary: "Dana Novak moved WO-1042 from Ali Haddad 09:00 to Sam Okafor 13:30", notify_customer: false },
  }),
];

describe("one entry per change", () => {
  test("the rows of one transaction are one change, in the order they were written", () => {
    const changes = groupChanges([...drag(), row({ tableName: "jobs", action: "update", rowId: "j1", before: { priority: 3 }, after: { priority: 2 } }, "t2", 1)]);
    expect(changes.map((c) => [c.key, c.records.map((r) => r.tableName), c.rowCount])).toEqual([
      ["t1", ["assignments", "jobs", "board_changes"], 3],
      ["t2", ["jobs"], 1],
    ]);
  });

  test("a drag reads as the dispatcher's sentence, with each row's details inside", () => {
    const [change] = groupChanges(drag());
    const d = describeChange(change, NAMES, TZ);
    expect(d.sentence).toBe("Dana Novak moved WO-1042 from Ali Haddad 09:00 to Sam Okafor 13:30");
    expect(d.headline.tableName).toBe("board_changes");
    expect(d.rows.map((r) => r.description.sentence)).toEqual([
      "Dana Novak changed the visit for WO-1042: crew leader Ali Haddad → Sam Okafor; start Mon Nov 23 09:00 → 13:30; end Mon Nov 23 10:00 → 14:30",
      "Dana Novak changed job WO-1042",
      "Dana Novak moved WO-1042 from Ali Haddad 09:00 to Sam Okafor 13:30",
    ]);
    // the notify choice noted on two rows shows once; the change's id is bookkeeping, not a note
    expect(d.notes).toEqual(["customer not notified"]);
    expect(d.hiddenRows).toBe(0);
  });

  test("what the person asked for speaks for the change: an urgent decision before the board changes it made", () => {
    const records = [
      row({ tableName: "board_changes", action: "insert", after: { summary: "Dana Novak bumped WO-1 to tomorrow" } }),
      row({ tableName: "urgent_requests", action: "update", context: { summary: "Dana Novak approved option 2 for WO-9" } }),
    ];
    expect(headlineOf(records).tableName).toBe("urgent_requests");
    expect(describeChange(groupChanges(records)[0], NAMES, TZ).sentence).toBe("Dana Novak approved option 2 for WO-9");
  });

  test("with a filter, the rows it asked for tell the change (one job among a whole seeded company)", () => {
    const records = [
      row({ tableName: "companies", action: "insert", after: { name: "Polar Air" } }, "seed", 900),
      { ...row({ tableName: "jobs", action: "insert", rowId: "j1", after: { work_order: "WO-1042" } }, "seed", 900), focus: true },
    ];
    const [change] = groupChanges(records);
    expect(change.focus).toEqual([records[1].id]);
    expect(describeChange(change, NAMES, TZ).sentence).toBe("Dana Novak created job WO-1042");
  });

  test("a change of plain rows is told by its first row, and rows not loaded are counted", () => {
    const records = [row({ tableName: "customers", action: "insert", after: { name: "Acme Diner" } }, "imp", 300), row({ tableName: "sites", action: "insert", after: { label: "Main" } }, "imp", 300)];
    const d = describeChange(groupChanges(records)[0], NAMES, TZ);
    expect(d.headline.tableName).toBe("customers");
    expect(d.sentence).toBe(d.rows[0].description.sentence);
    expect(d.hiddenRows).toBe(298);
  });
});
