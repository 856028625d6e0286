/**
 * Deterministic demo data: companies, people, technicians, customers and today's
 * board, generated from a seed so every fresh install shows the same realistic day.
 * Pure: the caller passes "now" and writes the result to the database.
 */
import { createRandom, type Random } from "@/lib/engine/random";
import { travelMinutes } from "@/lib/engine/travel";
import type { GeoPoint, TravelSettings } from "@/lib/engine/types";
import { wallClock, zonedToUtc } from "@/lib/time/zoned-time";

export type DemoRole = "admin" | "dispatcher" | "technician" | "viewer";

export interface DemoCity {
  name: string;
  lat: number;
  lng: number;
}

export interface DemoCompanySpec {
  seed: number;
  slug: string;
  name: string;
  timeZone: string;
  emailDomain: string;
  /** Work orders read like "WO-1042". */
  workOrderPrefix: string;
  cities: DemoCity[];
  skills: string[];
  /** Descriptions of typical work with the skills each needs and its usual length. */
  workTypes: { description: string; skills: string[]; minutes: [number, number] }[];
  technicians: number;
  customers: number;
  jobsToday: number;
  unscheduled: number;
  travel: TravelSettings;
}

export interface DemoUser {
  id: string;
  email: string;
  fullName: string;
  role: DemoRole;
  technicianId: string | null;
}

export interface DemoTechnician {
  id: string;
  name: string;
  email: string;
  phone: string;
  skills: string[];
  home: GeoPoint;
  homeAddress: string;
  shifts: { weekday: number; startsAt: string; endsAt: string }[];
  userId: string | null;
}

export interface DemoCustomer {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string;
  city: string;
  location: GeoPoint;
  contract: boolean;
  preferredTechnicianId: string | null;
}

export interface DemoJob {
  id: string;
  workOrder: string;
  customerId: string;
  description: string;
  priority: 1 | 2 | 3 | 4;
  requiredSkills: string[];
  estimatedMinutes: number;
  address: string;
  city: string;
  location: GeoPoint;
  windowStart: Date | null;
  windowEnd: Date | null;
  deadline: Date | null;
  slaProtected: boolean;
  status: "unscheduled" | "scheduled" | "published" | "in_progress" | "done";
  notes: string | null;
}

export interface DemoAssignment {
  id: string;
  jobId: string;
  leaderId: string;
  helperIds: string[];
  startsAt: Date;
  endsAt: Date;
  publishedAt: Date | null;
}

export interface DemoTemplate {
  id: string;
  name: string;
  defaultMinutes: number;
  requiredSkills: string[];
  priority: 1 | 2 | 3 | 4;
  dispatchMode: "preassigned" | "broadcast" | "auto" | "manual";
  leaderIds: string[];
  /** Customers may ask for it on the company's request page. */
  offeredToCustomers: boolean;
}

export interface DemoCompany {
  id: string;
  templates: DemoTemplate[];
  spec: DemoCompanySpec;
  users: DemoUser[];
  technicians: DemoTechnician[];
  customers: DemoCustomer[];
  jobs: DemoJob[];
  assignments: DemoAssignment[];
  timeOff: { id: string; technicianId: string; startsAt: Date; endsAt: Date; reason: string }[];
}

export const DEMO_PASSWORD = "crewboard-demo";

const FIRST = ["Ali", "Sam", "Dana", "Maria", "Jamal", "Priya", "Tom", "Lena", "Carlos", "Mei", "Owen", "Fatima", "Luis", "Grace", "Noah", "Aisha", "Ben", "Sofia", "Ravi", "Chloe", "Marcus", "Nina", "Theo", "Rosa"];
const LAST = ["Haddad", "Okafor", "Novak", "Garcia", "Brooks", "Patel", "Kowalski", "Schmidt", "Reyes", "Chen", "Murphy", "Rahman", "Silva", "Kim", "Walsh", "Nguyen", "Adams", "Rossi", "Iyer", "Dubois"];
const STREETS = ["Maple Ave", "Oak St", "Lakeview Dr", "Main St", "Cedar Ln", "Industrial Pkwy", "Commerce Dr", "Park Blvd", "River Rd", "Elm St", "Harbor Way", "Mill St"];
const BUSINESS = ["Diner", "Grocers", "Dental", "Bakery", "Apartments", "Hotel", "Brewery", "Pharmacy", "Cold Storage", "Fitness", "Bistro", "Clinic", "Market", "School", "Office Park"];

/** A deterministic v4-shaped UUID from the generator. */
function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = "4";
  hex[16] = ((random.int(0, 15) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function jitter(random: Random, city: DemoCity, spread = 0.035): GeoPoint {
  return {
    lat: Math.round((city.lat + (random.next() - 0.5) * 2 * spread) * 1e6) / 1e6,
    lng: Math.round((city.lng + (random.next() - 0.5) * 2 * spread) * 1e6) / 1e6,
  };
}

function phone(random: Random): string {
  return `+1555${String(random.int(1000000, 9999999))}`;
}

function roundUp(minutes: number, step: number): number {
  return Math.ceil(minutes / step) * step;
}

/**
 * Generates one company's demo data for the day `today` (YYYY-MM-DD in the
 * company's time zone). Jobs that ended before `now` are done, the one under way is
 * in progress, the rest are published or still scheduled.
 */
export function generateDemoCompany(spec: DemoCompanySpec, today: string, now: Date): DemoCompany {
  const random = createRandom(spec.seed);
  const companyId = uuid(random);
  const usedNames = new Set<string>();
  const personName = () => {
    for (;;) {
      const n = `${random.pick(FIRST)} ${random.pick(LAST)}`;
      if (!usedNames.has(n) || usedNames.size > FIRST.length * LAST.length - 10) {
        usedNames.add(n);
        return n;
      }
    }
  };

  const technicians: DemoTechnician[] = [];
  for (let i = 0; i < spec.technicians; i++) {
    const name = personName();
    const city = spec.cities[i % spec.cities.length];
    const core = spec.skills.slice(0, 2);
    const extras = spec.skills.slice(2).filter(() => random.chance(0.35));
    const early = random.chance(0.5);
    const days = random.chance(0.8) ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6];
    technicians.push({
      id: uuid(random),
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}${i}@${spec.emailDomain}`,
      phone: phone(random),
      skills: [...(random.chance(0.85) ? core : core.slice(0, 1)), ...extras],
      home: jitter(random, city, 0.05),
      homeAddress: `${random.int(100, 9999)} ${random.pick(STREETS)}, ${city.name}`,
      // Saturday and Sunday too for big boards, so "today" always has a full board
      shifts: (spec.technicians > 50 ? [1, 2, 3, 4, 5, 6, 7] : days).map((weekday) => ({
        weekday,
        startsAt: early ? "07:00" : "08:00",
        endsAt: early ? "15:30" : "16:30",
      })),
      userId: null,
    });
  }

  const roles: DemoRole[] = ["admin", "dispatcher", "technician", "viewer"];
  const users: DemoUser[] = roles.map((role) => {
    const tech = role === "technician" ? technicians[0] : null;
    const id = uuid(random);
    if (tech) tech.userId = id;
    return {
      id,
      email: `${role}@${spec.emailDomain}`,
      fullName: tech ? tech.name : personName(),
      role,
      technicianId: tech?.id ?? null,
    };
  });

  const customers: DemoCustomer[] = [];
  for (let i = 0; i < spec.customers; i++) {
    const city = random.pick(spec.cities);
    const business = random.chance(0.6);
    const name = business ? `${random.pick(LAST)} ${random.pick(BUSINESS)}` : personName();
    const reach = random.next();
    customers.push({
      id: uuid(random),
      name,
      email: reach < 0.93 ? `${name.toLowerCase().replace(/[^a-z]+/g, ".")}${i}@example.com` : null,
      phone: reach > 0.05 && reach < 0.97 ? phone(random) : null,
      address: `${random.int(10, 9999)} ${random.pick(STREETS)}`,
      city: city.name,
      location: jitter(random, city),
      contract: business && random.chance(0.35),
      preferredTechnicianId: random.chance(0.15) ? random.pick(technicians).id : null,
    });
  }

  const todayWeekday = wallClock(zonedToUtc(today, "12:00", spec.timeZone), spec.timeZone).weekday;
  const working = technicians.filter((t) => t.shifts.some((s) => s.weekday === todayWeekday));
  const timeOff: DemoCompany["timeOff"] = [];
  // one technician has the afternoon off, as on any real board
  if (working.length > 3) {
    const t = working[working.length - 1];
    timeOff.push({
      id: uuid(random),
      technicianId: t.id,
      startsAt: zonedToUtc(today, "12:30", spec.timeZone),
      endsAt: zonedToUtc(today, "17:00", spec.timeZone),
      reason: "Dentist appointment",
    });
  }

  const jobs: DemoJob[] = [];
  const assignments: DemoAssignment[] = [];
  const woBase = 1000 + random.int(0, 800);
  const newJob = (n: number, near?: GeoPoint): DemoJob => {
    // routes are planned in areas: prefer a customer close to where the technician is
    const nearby = near ? customers.filter((c) => Math.abs(c.location.lat - near.lat) + Math.abs(c.location.lng - near.lng) < 0.12) : [];
    const customer = random.pick(nearby.length > 0 ? nearby : customers);
    const work = random.pick(spec.workTypes);
    const p = random.next();
    const priority = (p < 0.06 ? 1 : p < 0.3 ? 2 : p < 0.8 ? 3 : 4) as DemoJob["priority"];
    return {
      id: uuid(random),
      workOrder: `${spec.workOrderPrefix}${woBase + n}`,
      customerId: customer.id,
      description: work.description,
      priority,
      requiredSkills: work.skills,
      estimatedMinutes: roundUp(random.int(work.minutes[0], work.minutes[1]), 15),
      address: customer.address,
      city: customer.city,
      location: customer.location,
      windowStart: null,
      windowEnd: null,
      deadline: null,
      slaProtected: customer.contract && random.chance(0.7),
      status: "unscheduled",
      notes: random.chance(0.25) ? random.pick(["Gate code 4411", "Call on arrival", "Ask for the manager", "Dog on site", "Use rear entrance"]) : null,
    };
  };

  const scheduledTarget = Math.max(0, spec.jobsToday - spec.unscheduled);
  const perTech = Math.max(1, Math.ceil(scheduledTarget / Math.max(1, working.length)));
  let n = 0;
  for (const tech of working) {
    const shift = tech.shifts.find((s) => s.weekday === todayWeekday)!;
    const shiftStart = zonedToUtc(today, shift.startsAt, spec.timeZone).getTime();
    const blockedFrom = timeOff.find((o) => o.technicianId === tech.id)?.startsAt.getTime() ?? Infinity;
    const shiftEnd = Math.min(zonedToUtc(today, shift.endsAt, spec.timeZone).getTime(), blockedFrom);
    let cursor = shiftStart;
    let at: GeoPoint = tech.home;
    for (let k = 0; k < perTech && n < scheduledTarget; k++) {
      const job = newJob(n, tech.home);
      const travel = travelMinutes(at, job.location, spec.travel);
      const start = shiftStart + roundUp((cursor - shiftStart) / 60000 + travel, 15) * 60000;
      const end = start + job.estimatedMinutes * 60000;
      if (end > shiftEnd) break;
      n++;
      // an arrival window around the planned start, as the customer was promised
      job.windowStart = new Date(start - 60 * 60000);
      job.windowEnd = new Date(start + 120 * 60000);
      if (job.priority <= 2) job.deadline = new Date(zonedToUtc(today, "18:00", spec.timeZone));
      job.status = end <= now.getTime() ? "done" : start <= now.getTime() ? "in_progress" : random.chance(0.6) ? "published" : "scheduled";
      // a crew wants a helper; who can come is settled once every lane is planned
      const helpers = random.chance(0.12) ? working.filter((o) => o.id !== tech.id).map((o) => o.id) : [];
      jobs.push(job);
      assignments.push({
        id: uuid(random),
        jobId: job.id,
        leaderId: tech.id,
        helperIds: helpers,
        startsAt: new Date(start),
        endsAt: new Date(end),
        publishedAt: job.status === "scheduled" ? null : new Date(shiftStart - 14 * 60 * 60000),
      });
      cursor = end;
      at = job.location;
    }
  }
  // A helper is someone with nothing else on at that time (else the crew goes alone),
  // so the demo board starts without double-booking.
  const busy = new Map<string, { start: number; end: number }[]>();
  const book = (id: string, a: DemoAssignment) => busy.set(id, [...(busy.get(id) ?? []), { start: a.startsAt.getTime(), end: a.endsAt.getTime() }]);
  for (const a of assignments) book(a.leaderId, a);
  for (const a of assignments) {
    const free = a.helperIds.find((id) => !(busy.get(id) ?? []).some((b) => b.start < a.endsAt.getTime() && b.end > a.startsAt.getTime()));
    a.helperIds = free ? [free] : [];
    if (free) book(free, a);
  }
  // the unscheduled queue: new calls waiting for a slot
  const queue = spec.jobsToday - n;
  for (let k = 0; k < queue; k++) {
    const job = newJob(n++);
    if (random.chance(0.5)) {
      const from = random.int(9, 13);
      job.windowStart = zonedToUtc(today, `${String(from).padStart(2, "0")}:00`, spec.timeZone);
      job.windowEnd = zonedToUtc(today, `${String(from + 3).padStart(2, "0")}:00`, spec.timeZone);
    }
    if (job.priority <= 2) job.deadline = zonedToUtc(today, "17:00", spec.timeZone);
    jobs.push(job);
  }
  // templates for the common kinds of work: scored, pre-assigned to a specialist, broadcast
  const modes: DemoTemplate["dispatchMode"][] = ["auto", "preassigned", "broadcast"];
  const templates: DemoTemplate[] = spec.workTypes.slice(0, 3).map((w, i) => {
    const specialist = technicians.find((t) => w.skills.every((s) => t.skills.includes(s)));
    const mode = modes[i] === "preassigned" && !specialist ? "auto" : modes[i];
    return {
      id: uuid(random),
      name: w.description,
      defaultMinutes: roundUp(w.minutes[0], 15),
      requiredSkills: w.skills,
      priority: i === 0 ? 2 : 3,
      dispatchMode: mode,
      leaderIds: mode === "preassigned" && specialist ? [specialist.id] : [],
      // the best-scoring template is the one the portal offers: requests dispatch themselves
      offeredToCustomers: mode === "auto",
    };
  });
  // A second technician login (two phones racing for one offer). Its own random
  // stream, so everything generated above stays exactly as it was.
  const second = technicians[1];
  if (second) {
    const id = uuid(createRandom(spec.seed * 31 + 7));
    second.userId = id;
    users.push({ id, email: `technician2@${spec.emailDomain}`, fullName: second.name, role: "technician", technicianId: second.id });
  }
  return { id: companyId, spec, users, technicians, customers, jobs, assignments, timeOff, templates };
}

const HVAC_SKILLS = ["HVAC", "refrigeration", "EPA-608", "boiler", "controls", "electrical", "ductwork"];

/** The main demo company: an HVAC / refrigeration firm around Chicago. */
export const POLAR_AIR: DemoCompanySpec = {
  seed: 608,
  slug: "polar-air",
  name: "Polar Air Mechanical",
  timeZone: "America/Chicago",
  emailDomain: "polar-air.demo",
  workOrderPrefix: "WO-",
  cities: [
    { name: "Chicago", lat: 41.8781, lng: -87.6298 },
    { name: "Evanston", lat: 42.0451, lng: -87.6877 },
    { name: "Oak Park", lat: 41.885, lng: -87.7845 },
    { name: "Cicero", lat: 41.8456, lng: -87.7539 },
    { name: "Skokie", lat: 42.0324, lng: -87.7416 },
    { name: "Naperville", lat: 41.7508, lng: -88.1535 },
    { name: "Schaumburg", lat: 42.0334, lng: -88.0834 },
  ],
  skills: HVAC_SKILLS,
  workTypes: [
    { description: "Walk-in freezer not holding temperature", skills: ["refrigeration", "EPA-608"], minutes: [90, 180] },
    { description: "Rooftop unit preventive maintenance", skills: ["HVAC"], minutes: [60, 120] },
    { description: "No heat call: furnace short cycling", skills: ["HVAC"], minutes: [60, 120] },
    { description: "Boiler annual inspection", skills: ["boiler"], minutes: [90, 150] },
    { description: "Ice machine leaking", skills: ["refrigeration"], minutes: [45, 90] },
    { description: "Thermostat and controls upgrade", skills: ["controls"], minutes: [60, 120] },
    { description: "Condenser fan motor replacement", skills: ["HVAC", "electrical"], minutes: [60, 120] },
    { description: "Refrigerant leak search and recharge", skills: ["EPA-608"], minutes: [90, 150] },
    { description: "Duct cleaning and airflow balancing", skills: ["ductwork"], minutes: [120, 180] },
  ],
  technicians: 12,
  customers: 80,
  jobsToday: 50,
  unscheduled: 10,
  travel: { speedKmh: 40, roadFactor: 1.35, bufferMin: 5 },
};

/** The second, smaller demo company: plumbing and electrical around Seattle. */
export const BAYSIDE: DemoCompanySpec = {
  seed: 206,
  slug: "bayside",
  name: "Bayside Plumbing & Electric",
  timeZone: "America/Los_Angeles",
  emailDomain: "bayside.demo",
  workOrderPrefix: "BS-",
  cities: [
    { name: "Seattle", lat: 47.6062, lng: -122.3321 },
    { name: "Bellevue", lat: 47.6101, lng: -122.2015 },
    { name: "Redmond", lat: 47.674, lng: -122.1215 },
    { name: "Renton", lat: 47.4829, lng: -122.2171 },
  ],
  skills: ["plumbing", "electrical", "backflow-cert", "gas-fitting", "water-heater"],
  workTypes: [
    { description: "Water heater replacement", skills: ["plumbing", "water-heater"], minutes: [120, 180] },
    { description: "Backflow preventer annual test", skills: ["backflow-cert"], minutes: [45, 60] },
    { description: "Panel upgrade to 200 A", skills: ["electrical"], minutes: [180, 240] },
    { description: "Gas line leak check", skills: ["gas-fitting"], minutes: [60, 90] },
    { description: "Clogged main drain", skills: ["plumbing"], minutes: [60, 120] },
  ],
  technicians: 5,
  customers: 25,
  jobsToday: 16,
  unscheduled: 4,
  travel: { speedKmh: 35, roadFactor: 1.4, bufferMin: 5 },
};

/** A large synthetic company for benchmarks (`npm run db:seed -- --techs 500 --jobs 5000`). */
export function largeCompanySpec(technicians: number, jobs: number): DemoCompanySpec {
  return {
    ...POLAR_AIR,
    seed: 9000 + technicians,
    slug: `bench-${technicians}`,
    name: `Benchmark Services (${technicians} technicians)`,
    emailDomain: `bench-${technicians}.demo`,
    workOrderPrefix: "BN-",
    // one metro area and short visits, so ten jobs fit in each technician's day
    cities: POLAR_AIR.cities.slice(0, 1),
    workTypes: POLAR_AIR.workTypes.map((w) => ({ ...w, minutes: [15, 30] as [number, number] })),
    technicians,
    customers: Math.max(50, Math.round(jobs / 4)),
    jobsToday: jobs,
    unscheduled: Math.round(jobs * 0.02),
  };
}
