/**
 * Domain types of the scheduling engine.
 *
 * The engine works on plain data: times are epoch minutes (UTC, whole minutes
 * since 1970-01-01T00:00Z), durations are whole minutes, places are WGS84
 * coordinates. Nothing here knows about Postgres rows, React or Next.js.
 */

/** Whole minutes since 1970-01-01T00:00Z. */
export type EpochMinute = number;

/** A half-open time range `[start, end)` in epoch minutes. */
export interface Interval {
  start: EpochMinute;
  end: EpochMinute;
}

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Priority tier: 1 is the most urgent (emergency), 4 the least (low). */
export type Priority = 1 | 2 | 3 | 4;

export type JobStatus =
  | "unscheduled"
  | "scheduled"
  | "published"
  | "in_progress"
  | "done"
  | "cancelled";

export interface Technician {
  id: string;
  name: string;
  /** Skills and certifications held, e.g. "EPA-608", "refrigeration". */
  skills: string[];
  home: GeoPoint;
  /** Working shifts in the horizon being planned (usually one per day). */
  shifts: Interval[];
  /** Approved time off; no work may overlap it. */
  timeOff: Interval[];
  /** The shift's breaks (e.g. lunch): no work is planned over them. Absent: none. */
  breaks?: Interval[];
  /**
   * Certifications held with an end date (also listed in `skills` while valid):
   * `validUntil` is the end of the last valid day, `expiresOn` that day as written.
   */
  certifications?: Certification[];
  active: boolean;
  /**
   * The company's slot blocks on this technician's day (see slot-rules.ts): fixed
   * blocks reserved for a kind of work, flex slots kept free for urgent work.
   * Absent or empty: no blocks.
   */
  slotBlocks?: SlotBlock[];
  /** Travel-and-recovery buffer kept between two on-site jobs, minutes (0–30). Default 0. */
  recoveryBufferMin?: number;
}

/** A certification that expires: held until the end of `expiresOn` in the company's zone. */
export interface Certification {
  name: string;
  /** The last valid day, YYYY-MM-DD. */
  expiresOn: string;
  /** The first minute it no longer counts. */
  validUntil: EpochMinute;
}

/**
 * A block of a technician's day from the company's slot template. A fixed block
 * is reserved for jobs of one template (routine work prefers it, other work is
 * kept out where it can be); a flex slot takes only urgent work (priority 1–2).
 */
export interface SlotBlock {
  start: EpochMinute;
  end: EpochMinute;
  kind: "fixed" | "flex";
  /** Fixed blocks: the job template the block is reserved for; flex slots: null. */
  templateId: string | null;
  /** What people call it, e.g. "Routine maintenance" or "Flex (emergencies)". */
  label: string;
}

export interface Job {
  id: string;
  workOrder: string;
  customerId: string;
  customerName: string;
  priority: Priority;
  requiredSkills: string[];
  durationMin: number;
  location: GeoPoint;
  /** The customer's arrival window: the visit must start inside it. */
  window: Interval | null;
  /** The visit must be finished by then. */
  deadline: EpochMinute | null;
  slaProtected: boolean;
  /** The customer has a service contract. */
  contract: boolean;
  status: JobStatus;
  /** A pinned job is never moved by optimisation or bumping. */
  pinned: boolean;
  /** How many times this job has already been rescheduled. */
  rescheduleCount: number;
  /** The customer has a phone or an email to be told of changes. */
  customerReachable: boolean;
  preferredTechnicianId: string | null;
  /** The job template the job was made from, if any (matches fixed slot blocks). */
  templateId?: string | null;
}

export interface Assignment {
  jobId: string;
  leaderId: string;
  helperIds: string[];
  start: EpochMinute;
  end: EpochMinute;
  version: number;
}

export interface TravelSettings {
  /** Average road speed, km/h. */
  speedKmh: number;
  /** Great-circle distance × roadFactor ≈ road distance. */
  roadFactor: number;
  /** Minutes added to every non-zero trip (parking, loading). */
  bufferMin: number;
}

/** A board snapshot: everything the engine needs to reason about a day. */
export interface Board {
  technicians: Technician[];
  jobs: Job[];
  assignments: Assignment[];
}

/** One part of a decision, in words a dispatcher can read. */
export interface ReasonPart {
  factor: string;
  value: number;
  why: string;
}

/**
 * Something a dispatcher should read about a change: a stable `code` for
 * programs and a `message` for people, naming people, work orders and times.
 */
export interface Issue {
  code: string;
  message: string;
}
