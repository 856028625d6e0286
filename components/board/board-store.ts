/**
 * The day's board in the browser, without React: optimistic changes, the server's
 * answers, reloads and live patches. `useBoardData` binds it to the server actions
 * and to React state; tests drive it with their own answers.
 *
 * A change shows at once; the server's answer replaces it (with new versions) or,
 * when refused, the job goes back where it was and the reason is said. Reloads and
 * patches keep changes still being saved on top, and one that raced one of our own
 * saves is thrown away and done again, so nothing jumps back and forth.
 */
import type { BoardDay, BoardJobsPatch, BoardLanes } from "@/lib/db/board";
import type { BoardChangeResult } from "@/lib/db/board-changes";
import type { ActionResult } from "@/lib/actions/result";
import {
  PENDING_PREFIX,
  applyJobsPatch,
  applyOptimistic,
  applyServerResult,
  assignmentOf,
  mergeLanes,
  patchNotices,
  reapplyPending,
  restoreJob,
  type BoardChange,
} from "@/components/board/board-state";
import { noticeOutcome } from "@/components/board/notice-prompt";
import type { ToastTone } from "@/components/board/use-toasts";

export type Say = (tone: ToastTone, text: string, details?: string[]) => void;

/** The server calls the board makes (the schedules page's actions). */
export interface BoardApi {
  loadDay(input: { date: string }): Promise<ActionResult<BoardDay>>;
  loadJobs(input: { date: string; jobIds: string[] }): Promise<ActionResult<BoardJobsPatch>>;
  loadLanes(input: { date: string; offset: number; limit: number }): Promise<ActionResult<BoardLanes>>;
  place(input: {
    jobId: string;
    jobVersion: number;
    assignmentVersion: number | null;
    leaderId: string;
    helperIds: string[];
    start: string;
    end: string;
    notifyCustomer: boolean;
    tabId: string;
  }): Promise<ActionResult<BoardChangeResult>>;
  unassign(input: { jobId: string; jobVersion: number; assignmentVersion: number; notifyCustomer: boolean; tabId: string }): Promise<ActionResult<BoardChangeResult>>;
  undo(input: { changeId?: string; notifyCustomer: boolean; tabId: string }): Promise<ActionResult<BoardChangeResult>>;
}

export interface BoardStoreOptions {
  api: BoardApi;
  say: Say;
  /** This tab's id, sent with every change (its live events are not echoed back). */
  tabId: string;
  /** Called with the new day after every change to it. */
  onDay?: (day: BoardDay) => void;
  /** Called with the jobs being saved whenever that set changes. */
  onPending?: (jobIds: ReadonlySet<string>) => void;
}

/** Lanes a large board reads a request while it fills in after its first paint. */
export const LANE_SLICE = 60;

export const NETWORK_ERROR = "The server could not be reached. Nothing was saved; try again.";

function detailsOf(result: BoardChangeResult): string[] {
  const lines: string[] = [];
  const notice = noticeOutcome(result.customerNotice);
  if (notice) lines.push(notice);
  for (const w of result.warnings) lines.push(`⚠ ${w.message}`);
  return lines;
}

export type BoardStore = ReturnType<typeof createBoardStore>;

/**
 * A board store for one day.
 *
 * @example
 * const store = createBoardStore(day, { api, say, tabId });
 * await store.commit({ kind: "unassign", jobId }, true);
 */
export function createBoardStore(initial: BoardDay, options: BoardStoreOptions) {
  const { api, say, tabId } = options;
  let day = initial;
  const pending = new Map<string, BoardChange>();
  // bumped whenever one of our own saves lands; a reload or patch started before it is stale
  let landed = 0;
  // while the lanes after the first paint are read: the jobs other people changed meanwhile
  let filling: { settled: Set<string> } | null = null;

  const setDay = (update: (d: BoardDay) => BoardDay) => {
    day = update(day);
    options.onDay?.(day);
  };
  // a drag under way (see `setDragging`): background reads wait for the dispatcher
  let dragging = false;
  let waiting: (() => void)[] = [];
  const quiet = () => pending.size === 0 && !dragging;
  /** Resolves once no change is being saved and no drag is under way. */
  const whenQuiet = (): Promise<void> => (quiet() ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve)));
  const wake = () => {
    if (!quiet()) return;
    const ready = waiting;
    waiting = [];
    for (const resolve of ready) resolve();
  };
  const syncPending = () => {
    options.onPending?.(new Set(pending.keys()));
    wake();
  };

  /** Asks the server for something; on no answer or a refusal says why (`unreachable` for the former) and gives null. */
  const read = async <T>(call: () => Promise<ActionResult<T>>, unreachable: string): Promise<T | null> => {
    let res: ActionResult<T>;
    try {
      res = await call();
    } catch {
      say("error", unreachable);
      return null;
    }
    if (!res.ok) {
      say("error", res.error.message);
      return null;
    }
    return res.data;
  };

  /** Loads the whole day again, keeping our unsaved changes on top. */
  const reload = async (): Promise<boolean> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = landed;
      const fresh = await read(() => api.loadDay({ date: day.date }), "The board could not be reloaded. Check your connection.");
      if (!fresh) return false;
      if (landed !== started) continue;
      filling = null;
      setDay(() => reapplyPending(fresh, pending.values()));
      return true;
    }
    return false;
  };

  /**
   * Fills in a board whose first paint had only the first lanes: `LANE_SLICE` lanes a
   * request, so no one request holds the server (or a drag behind it) for long, laid
   * on the board together once all are read (the board's view is worked out once,
   * not once a slice). Jobs other people changed meanwhile keep what their patch said.
   * The dispatcher comes first: no slice is asked for, and none laid on, while they
   * drag or a change of theirs is being saved.
   */
  const fill = async (): Promise<boolean> => {
    if (!day.partial) return true;
    const run = { settled: new Set<string>() };
    filling = run;
    const slices: BoardLanes[] = [];
    try {
      let offset = day.technicians.length;
      for (;;) {
        if (!quiet()) await whenQuiet();
        const from = offset;
        const lanes = await read(
          () => api.loadLanes({ date: day.date, offset: from, limit: LANE_SLICE }),
          "The rest of the board could not be loaded. Check your connection, then reload the page.",
        );
        if (!lanes) return false;
        // a reload brought the whole day meanwhile
        if (filling !== run) return true;
        slices.push(lanes);
        if (!lanes.more) break;
        offset += lanes.technicians.length;
      }
      if (!quiet()) await whenQuiet();
      if (filling !== run) return true;
    } finally {
      if (filling === run) filling = null;
    }
    setDay((d) => ({ ...mergeLanes(d, slices, run.settled), partial: false }));
    return true;
  };

  /** Fetches just these jobs again and lays them on the day (other people's changes, named by live events). */
  const patch = async (jobIds: readonly string[]): Promise<boolean> => {
    if (jobIds.length === 0) return true;
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = landed;
      const data = await read(() => api.loadJobs({ date: day.date, jobIds: [...jobIds] }), "The board could not be updated. Check your connection.");
      if (!data) return false;
      if (landed !== started) continue;
      const notices = patchNotices(day, data);
      for (const id of jobIds) filling?.settled.add(id);
      setDay((d) => reapplyPending(applyJobsPatch(d, jobIds, data), [...pending.values()].filter((c) => jobIds.includes(c.jobId))));
      for (const text of notices) say("info", text);
      return true;
    }
    return false;
  };

  const afterAnswer = async (jobId: string, before: BoardDay, res: ActionResult<BoardChangeResult> | null): Promise<boolean> => {
    pending.delete(jobId);
    syncPending();
    landed++;
    if (res?.ok) {
      setDay((d) => applyServerResult(d, res.data));
      say(res.data.warnings.length > 0 ? "info" : "success", res.data.summary, detailsOf(res.data));
      return true;
    }
    setDay((d) => restoreJob(d, before, jobId));
    say("error", res ? res.error.message : NETWORK_ERROR);
    if (res?.error.code === "conflict") await reload();
    return false;
  };

  /** Saves one change: shown at once, persisted by the server, put back if refused. */
  const commit = async (change: BoardChange, notifyCustomer: boolean): Promise<boolean> => {
    const before = day;
    const job = before.jobs[change.jobId];
    if (!job) return false;
    if (pending.has(change.jobId)) {
      say("info", `${job.workOrder} is still being saved; try again in a moment.`);
      return false;
    }
    const current = assignmentOf(before, change.jobId);
    const seenVersion = current && !current.id.startsWith(PENDING_PREFIX) ? current.version : null;
    if (change.kind === "unassign" && seenVersion === null) return false;
    pending.set(change.jobId, change);
    // the request leaves first; the board draws the change while it travels
    const request =
      change.kind === "place"
        ? api.place({
            jobId: change.jobId,
            jobVersion: job.version,
            assignmentVersion: seenVersion,
            leaderId: change.placement.leaderId,
            helperIds: change.placement.helperIds,
            start: change.placement.start,
            end: change.placement.end,
            notifyCustomer,
            tabId,
          })
        : api.unassign({ jobId: change.jobId, jobVersion: job.version, assignmentVersion: seenVersion!, notifyCustomer, tabId });
    syncPending();
    setDay((d) => applyOptimistic(d, change));
    let res: ActionResult<BoardChangeResult> | null = null;
    try {
      res = await request;
    } catch {
      res = null;
    }
    return afterAnswer(change.jobId, before, res);
  };

  /** Undoes one of our own changes (the latest when no id is given). */
  const undo = async (changeId: string | undefined, notifyCustomer: boolean): Promise<boolean> => {
    let res: ActionResult<BoardChangeResult>;
    try {
      res = await api.undo({ changeId, notifyCustomer, tabId });
    } catch {
      say("error", NETWORK_ERROR);
      return false;
    }
    landed++;
    if (!res.ok) {
      say("error", res.error.message);
      if (res.error.code === "conflict") await reload();
      return false;
    }
    const data = res.data;
    setDay((d) => applyServerResult(d, data));
    say("success", data.summary, detailsOf(data));
    return true;
  };

  /** Says a drag started (true) or ended (false): background reads wait while one is under way. */
  const setDragging = (on: boolean) => {
    dragging = on;
    wake();
  };

  return {
    /** The day as it is right now. */
    getDay: () => day,
    /** The jobs whose save has not been answered yet. */
    pendingIds: (): ReadonlySet<string> => new Set(pending.keys()),
    commit,
    undo,
    reload,
    fill,
    patch,
    setDragging,
  };
}
