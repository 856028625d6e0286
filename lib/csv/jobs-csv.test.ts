import { expect, test } from "vitest";
import { serializeJobs } from "@/lib/csv/jobs-csv";
import type { JobListItem } from "@/lib/db/jobs-search";

const job: JobListItem = {
  id: "00000000-0000-4000-8000-000000000001",
  workOrder: "WO-1042",
  customerId: "00000000-0000-4000-8000-000000000002",
  customerName: "Whitfield, Dana",
  description: "=cmd() furnace",
  address: "1 Lake St",
  city: "Chicago",
  siteLabel: "Main site",
  status: "scheduled",
  priority: 2,
  start: "2026-11-23T15:00:00.000Z",
  end: "2026-11-23T16:30:00.000Z",
  technicianName: "Rae Kim",
  windowStart: null,
  windowEnd: null,
  seriesId: null,
  createdAt: "2026-11-20T14:05:00.000Z",
};

test("one row per job, local times, quoted commas, formulas defused", () => {
  const [header, row] = serializeJobs([job], "America/Chicago").trim().split(/\r?\n/);
  expect(header).toBe("work_order,customer,site,address,city,description,priority,status,technician,start,end,window_start,window_end,recurring,created");
  expect(row).toContain('WO-1042,"Whitfield, Dana",Main site,1 Lake St,Chicago,');
  expect(row).not.toContain(",=cmd()");
  expect(row).toContain("High");
  expect(row).toContain("2026-11-23 09:00");
  expect(row).toContain(",no,");
});
