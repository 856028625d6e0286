/**
 * Board benchmark: `npm run bench:board`
 *
 * 500 technicians × 10 jobs (`largeCompanySpec(500, 5000)`) in a fresh embedded
 * database of its own (.data/bench-board, seeded for the server's day: see
 * bench/board-server.ts), a server of its own (port 3300, or BENCH_PORT) whose
 * planning clock is 07:00 on a weekday in the company's zone, and the dispatcher of
 * that company in Debian's Chromium at 1440×900. Progress goes to stderr, the
 * figures to stdout.
 *
 *  - board_interactive_ms (median, and _p95_ms): from the start of the navigation
 *    to /schedules?date=<that day> until a job block can be dragged. "Can be
 *    dragged" = dnd-kit's live region is in the document (DndContext has mounted on
 *    the client, which happens after the lanes under it are hydrated) and a
 *    draggable block carries React's pointer-down handler. Each load then proves it
 *    with a real pointer drag that dnd-kit picks up (and Escape cancels). One
 *    warm-up load, then 5, static files cached as for a returning dispatcher.
 *    board_first_lane_ms: until the first lane is in the document (server HTML).
 *  - drag_commit_p50_ms / _p95_ms: 50 drags of blocks ±30 minutes (visits not yet
 *    published, starting an hour or more after the clock, so no customer-notice
 *    question), each from the pointer-up to the animation frame in which the block
 *    is no longer "being saved" and stands at its new time — which the board only
 *    shows after an ok answer from the server. The action's response must also be
 *    a 200 and the board must say "moved … to … <new time>". Refused moves are
 *    counted apart (drag_refused_count), never as samples; after each round of
 *    blocks the page is reloaded to check that every move was persisted. Drags start
 *    once the board has read all its lanes (the timelines say data-complete), so they
 *    are timed on the whole board with nothing loading behind them.
 *    drag_server_*: pointer-up until the change's response had arrived
 *    (POST /api/board/changes); drag_request_leaves_p50_ms: pointer-up until that
 *    request left the page;
 *    drag_client_p50_ms: the rest (the browser's share). BENCH_PROFILE=<file> writes
 *    the browser's CPU profiles of the drags, one per round between reloads (file,
 *    file.2, …; open them in Chromium's DevTools); BENCH_TRACE=<file> writes a
 *    performance trace of all the drags, each marked from bench:drag-up (pointer-up)
 *    to bench:drag-frame (the frame after it settled).
 *  - drag_sql_statements, drag_db_p50_ms / _p95_ms: the same kind of move run in
 *    process on the same data once the server has stopped (bench/drag-statements.ts):
 *    statements sent per move (session lookup and transaction, BEGIN and COMMIT
 *    included) and database time alone.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { assertPortFree, benchClock, seedFresh, startServer, stopServer, waitForLogin, type BenchServer } from "@/bench/board-server";
import { percentile, print } from "@/bench/synthetic-board";
import { measureDragCost } from "@/bench/drag-statements";
import { DEMO_PASSWORD, largeCompanySpec, type DemoCompany } from "@/lib/demo/demo-data";
import { wallClock } from "@/lib/time/zoned-time";

const TECHS = 500;
const JOBS = 5000;
const LOADS = 5;
const DRAGS = 50;
const BLOCKS = 25;
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const DATA_DIR = path.join(process.cwd(), ".data", "bench-board");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const VIEWPORT = { width: 1440, height: 900 };
// the toasts' column (bottom left, 28rem wide, as tall as four messages with their warnings): never grab a block there
const TOASTS_RIGHT = 480;

const log = (line: string) => console.error(`[bench:board] ${line}`);

/** Records, in the page's own clock (ms since the navigation started), when the board became draggable. */
const INTERACTIVE_PROBE = `(() => {
  const mark = { firstLane: null, interactive: null };
  window.__boardBench = mark;
  const hydrated = (el) => Object.keys(el).some((k) => k.startsWith("__reactProps$") && typeof el[k].onPointerDown === "function");
  let frame = 0;
  const check = () => {
    if (mark.firstLane === null && document.querySelector("[data-testid=lane]")) mark.firstLane = performance.now();
    if (mark.interactive !== null || !document.querySelector("[id^=DndLiveRegion]")) return;
    // a block is picked up by its lane's timeline (one drag source per lane): that element's handler is the one that must be live
    const block = document.querySelector('[data-testid=job-block][aria-roledescription="draggable visit"]');
    const source = block?.closest("[data-testid=lane-timeline]");
    if (source && hydrated(source)) {
      mark.interactive = performance.now();
      observer.disconnect();
    } else if (!frame) {
      frame = requestAnimationFrame(() => { frame = 0; check(); });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

const READY = `!!document.querySelector("[id^=DndLiveRegion]") && !!document.querySelector('[data-testid=job-block][aria-roledescription="draggable visit"]')`;
// every lane read, not only the first paint's: drags are timed on the whole board, with nothing loading behind them
const COMPLETE = `${READY} && !!document.querySelector('[aria-label="Technician timelines"][data-complete=true]')`;
// dnd-kit announces every drag ("Picked up …", then "… is over …'s lane."); a fresh page has said nothing yet
const ANNOUNCED = `(document.querySelector("[id^=DndLiveRegion]")?.textContent ?? "") !== ""`;

interface Target {
  workOrder: string;
  jobId: string;
  techId: string;
  /** Where the board shows it now ("HH:MM"), kept up to date as it moves. */
  start: string;
}

const blockSelector = (t: Pick<Target, "techId" | "workOrder">) =>
  `[data-testid=lane][data-technician-id="${t.techId}"] [data-testid=job-block][data-work-order="${t.workOrder}"]`;

/**
 * Watches one drag: pointer-up (its event time), the block going "being saved",
 * then settling — at its new start (moved) or back (refused) — and the frame after.
 */
const watchDrag = (selector: string, workOrder: string, expected: string) => `(() => {
  const selector = ${JSON.stringify(selector)};
  const said = ${JSON.stringify(`moved ${workOrder} from `)};
  const expected = ${JSON.stringify(expected)};
  performance.clearResourceTimings();
  const w = { up: null, seenPending: false, outcome: null, frame: null, server: null, sent: null, said: false, error: null };
  window.__drag = w;
  addEventListener("pointerup", (e) => {
    const now = performance.now();
    // the input's own time when it is sane, else when the page got it
    w.up = e.timeStamp > 0 && e.timeStamp <= now && now - e.timeStamp < 1000 ? e.timeStamp : now;
  }, { capture: true, once: true });
  const observer = new MutationObserver(() => {
    const el = document.querySelector(selector);
    if (!el) return;
    if (el.classList.contains("cursor-progress")) { w.seenPending = true; return; }
    if (!w.seenPending) return;
    observer.disconnect();
    w.outcome = el.getAttribute("data-start") === expected ? "moved" : "refused";
    const call = performance.getEntriesByType("resource").find((r) => r.initiatorType === "fetch" && r.name === location.origin + "/api/board/changes" && w.up !== null && r.startTime >= w.up);
    if (call) { w.server = call.responseEnd; w.sent = call.startTime; }
    // "<dispatcher> moved BN-1234 from <name> 10:30 to <name> 11:00"
    w.said = [...document.querySelectorAll("[data-testid=toast-success] p, [data-testid=toast-info] p")].some((p) => p.textContent.includes(said) && p.textContent.endsWith(" " + expected));
    const errors = document.querySelectorAll("[data-testid=toast-error]");
    if (errors.length > 0) w.error = errors[errors.length - 1].textContent;
    requestAnimationFrame(() => { w.frame = performance.now(); performance.mark("bench:drag-up", { startTime: w.up ?? 0 }); performance.mark("bench:drag-frame"); });
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["class", "data-start"] });
})()`;

interface DragWatch {
  up: number | null;
  seenPending: boolean;
  outcome: "moved" | "refused" | null;
  frame: number | null;
  server: number | null;
  /** When the change's request left (page clock). */
  sent: number | null;
  /** A success or info message says the job moved to its new time. */
  said: boolean;
  error: string | null;
}

function shiftClock(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(":").map(Number);
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/schedules/, { timeout: 60_000 }).catch(() => {
    throw new Error(`signing in as ${email} did not reach /schedules (still on ${page.url()})`);
  });
}

/** Presses on a block, moves a little and checks dnd-kit picked it up; Escape puts it back. */
async function provesDraggable(page: Page): Promise<void> {
  const box = await page.locator('[data-testid=job-block][aria-roledescription="draggable visit"]').first().boundingBox();
  if (!box) throw new Error("no draggable block on screen");
  const x = box.x + Math.min(5, (box.width - 6) / 2);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 12, y, { steps: 3 });
  await page.waitForFunction(ANNOUNCED, null, { timeout: 5_000 }).catch(() => {
    throw new Error("the board looked interactive but a pointer drag on a block did not start");
  });
  await page.keyboard.press("Escape");
  await page.mouse.up();
}

async function measureLoads(context: BrowserContext, url: string): Promise<{ interactive: number[]; firstLane: number[] }> {
  const page = await context.newPage();
  await page.addInitScript(INTERACTIVE_PROBE);
  const interactive: number[] = [];
  const firstLane: number[] = [];
  for (let i = 0; i <= LOADS; i++) {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction("window.__boardBench && window.__boardBench.interactive !== null", null, { timeout: 60_000 });
    const mark = (await page.evaluate("window.__boardBench")) as { firstLane: number; interactive: number };
    await provesDraggable(page);
    if (i === 0) continue;
    interactive.push(mark.interactive);
    firstLane.push(mark.firstLane);
    log(`load ${i}: first lane ${mark.firstLane.toFixed(0)} ms, interactive ${mark.interactive.toFixed(0)} ms`);
  }
  await page.close();
  return { interactive, firstLane };
}

/** Blocks that may be moved without a question to the dispatcher, on screen and clear of the toasts. */
async function pickTargets(page: Page, company: DemoCompany, clock: Date): Promise<Target[]> {
  const jobs = new Map(company.jobs.map((j) => [j.id, j]));
  const soon = clock.getTime() + 60 * 60_000;
  const movable = company.assignments
    .filter((a) => jobs.get(a.jobId)?.status === "scheduled" && a.helperIds.length === 0 && a.startsAt.getTime() >= soon)
    .map((a) => jobs.get(a.jobId)!.workOrder);
  const hourWidth = await hourWidthOf(page);
  const found = (await page.evaluate(`(() => {
    const movable = new Set(${JSON.stringify(movable)});
    const area = document.querySelector('section[aria-label="Technician timelines"]').getBoundingClientRect();
    const axis = document.querySelector("[data-testid=time-axis]").getBoundingClientRect();
    const reach = ${hourWidth};
    // dnd-kit scrolls the lanes while the pointer is within 20% of their edge: stay in the middle
    const band = area.height * 0.25;
    const clear = (x, y) => x > Math.max(axis.left + reach, ${TOASTS_RIGHT}) && x < axis.right - reach && y > Math.max(axis.bottom, area.top + band) && y < area.bottom - band;
    const out = [];
    for (const el of document.querySelectorAll('[data-testid=job-block][data-role=leader][aria-roledescription="draggable visit"]')) {
      if (!movable.has(el.dataset.workOrder)) continue;
      const r = el.getBoundingClientRect();
      const x = r.left + Math.min(5, (r.width - 6) / 2);
      const y = r.top + r.height / 2;
      if (!clear(x, y) || document.elementFromPoint(x, y)?.closest("[data-testid=job-block]") !== el) continue;
      out.push({ workOrder: el.dataset.workOrder, jobId: el.dataset.jobId, techId: el.closest("[data-testid=lane]").dataset.technicianId, start: el.dataset.start });
    }
    return out;
  })()`)) as Target[];
  return found.slice(0, BLOCKS);
}

async function hourWidthOf(page: Page): Promise<number> {
  const at = (h: number) => page.locator(`[data-testid=hour-tick][data-hour="${h}"]`).boundingBox();
  const [nine, ten] = [await at(9), await at(10)];
  if (!nine || !ten) throw new Error("the time axis has no 9:00 or 10:00 tick");
  return ten.x - nine.x;
}

interface DragResult {
  outcome: "moved" | "refused";
  commitMs: number;
  serverMs: number | null;
  /** Pointer-up until the change's request left the page. */
  sentMs: number | null;
  error: string | null;
}

/** One real pointer drag of a block by `minutes` (dnd-kit's pointer sensor needs movement in steps), timed. */
async function dragOnce(page: Page, t: Target, minutes: number, hourWidth: number): Promise<DragResult> {
  const selector = blockSelector(t);
  const block = page.locator(selector);
  await block.and(page.locator('[aria-roledescription="draggable visit"]')).waitFor({ timeout: 15_000 });
  const box = await block.boundingBox();
  if (!box) throw new Error(`${t.workOrder} is not on screen`);
  const x = box.x + Math.min(5, (box.width - 6) / 2);
  const y = box.y + box.height / 2;
  const expected = shiftClock(t.start, minutes);
  const covered = await page.evaluate(`(() => {
    const hit = document.elementFromPoint(${x}, ${y});
    return hit?.closest("[data-testid=job-block]") === document.querySelector(${JSON.stringify(selector)}) ? null : (hit?.outerHTML ?? "nothing").slice(0, 160);
  })()`);
  if (covered) throw new Error(`${t.workOrder} cannot be grabbed at (${x.toFixed(0)}, ${y.toFixed(0)}): ${covered}`);
  await page.evaluate(watchDrag(selector, t.workOrder, expected));
  const answer = page
    .waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes(t.jobId), { timeout: 30_000 })
    .then((r) => r.status())
    .catch(() => 0);
  const toX = x + (hourWidth * minutes) / 60;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + Math.sign(minutes) * 8, y + 4, { steps: 4 });
  await page.mouse.move(toX, y, { steps: 12 });
  await page.mouse.move(toX, y, { steps: 2 });
  await page.mouse.up();
  try {
    await page.waitForFunction("window.__drag.frame !== null", null, { timeout: 30_000 });
  } catch {
    const w = (await page.evaluate("window.__drag")) as DragWatch;
    const heard = await page.evaluate(`(document.querySelector("[id^=DndLiveRegion]")?.textContent ?? "") + (document.querySelector(${JSON.stringify(selector)}) ? "" : "; it is no longer on its lane")`);
    throw new Error(`${t.workOrder} (${t.start} → ${expected}): ${w.seenPending ? "the save was not answered within 30 s" : `the drag did not start a change (dnd-kit said: "${heard}")`}`);
  }
  const w = (await page.evaluate("window.__drag")) as DragWatch;
  // the action's body is streamed into the page and cannot be read back; the board only
  // puts a block at its new time, no longer "being saved", after an ok answer, and says so
  const status = await answer;
  if (w.up === null || w.frame === null || w.outcome === null) throw new Error(`${t.workOrder}: the drag was not timed`);
  if (w.outcome === "moved" && (status !== 200 || !w.said)) {
    throw new Error(`${t.workOrder} shows at ${expected} but the server answered ${status || "nothing"}${w.said ? "" : " and the board did not say it was saved"}`);
  }
  return { outcome: w.outcome, commitMs: w.frame - w.up, serverMs: w.server === null ? null : w.server - w.up, sentMs: w.sent === null ? null : w.sent - w.up, error: w.error };
}

/** Reloads and returns the targets not where the board last showed them (i.e. not persisted). */
async function unpersisted(page: Page, targets: Target[]): Promise<string[]> {
  await page.reload();
  await page.waitForFunction(COMPLETE, null, { timeout: 60_000 });
  const wrong: string[] = [];
  for (const t of targets) {
    const start = await page.locator(blockSelector(t)).getAttribute("data-start", { timeout: 15_000 });
    if (start !== t.start) wrong.push(`${t.workOrder} at ${start}, expected ${t.start}`);
  }
  return wrong;
}

async function measureDrags(context: BrowserContext, url: string, company: DemoCompany, clock: Date) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(COMPLETE, null, { timeout: 60_000 });
  const targets = await pickTargets(page, company, clock);
  if (targets.length === 0) throw new Error("no unpublished block later in the day is on screen to drag");
  const hourWidth = await hourWidthOf(page);
  log(`${DRAGS} drags over ${targets.length} blocks (±30 min, ${hourWidth.toFixed(1)} px/hour)`);
  // BENCH_PROFILE=file.cpuprofile: the browser's CPU profile of the drags, for Chromium's DevTools
  const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
  if (profiler) {
    await profiler.send("Profiler.enable");
    await profiler.send("Profiler.setSamplingInterval", { interval: 200 });
    await profiler.send("Profiler.start");
  }
  // BENCH_TRACE=file.json: a Chromium performance trace of the drags (marks bench:drag-up / bench:drag-frame)
  const browser = context.browser();
  if (process.env.BENCH_TRACE && browser) await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8.execute"] });
  const profiles: unknown[] = [];
  const commits: number[] = [];
  const server: number[] = [];
  const sent: number[] = [];
  const refused: string[] = [];
  for (let k = 0; k < DRAGS; k++) {
    const t = targets[k % targets.length];
    const round = Math.floor(k / targets.length);
    const r = await dragOnce(page, t, round % 2 === 0 ? 30 : -30, hourWidth);
    if (r.outcome === "refused") {
      refused.push(`${t.workOrder}: ${r.error ?? "put back without a message"}`);
    } else {
      t.start = shiftClock(t.start, round % 2 === 0 ? 30 : -30);
      commits.push(r.commitMs);
      if (r.serverMs !== null) server.push(r.serverMs);
      if (r.sentMs !== null) sent.push(r.sentMs);
    }
    if ((k + 1) % targets.length === 0 || k === DRAGS - 1) {
      // a profile does not outlive the reload: keep the one of these drags
      if (profiler) {
        profiles.push((await profiler.send("Profiler.stop")).profile);
      }
      const wrong = await unpersisted(page, targets);
      if (profiler) await profiler.send("Profiler.start");
      if (wrong.length > 0) throw new Error(`moves shown as saved were not there after a reload: ${wrong.join("; ")}`);
    }
  }
  if (process.env.BENCH_TRACE && browser) {
    await browser.stopTracing();
    log(`browser trace of the drags written to ${process.env.BENCH_TRACE}`);
  }
  if (profiler) {
    await profiler.send("Profiler.stop");
    // one profile per round of drags between reloads: file, file.2, file.3…
    profiles.forEach((profile, i) => writeFileSync(i === 0 ? process.env.BENCH_PROFILE! : `${process.env.BENCH_PROFILE}.${i + 1}`, JSON.stringify(profile)));
    log(`browser CPU profiles of the drags written to ${process.env.BENCH_PROFILE} (one per round between reloads)`);
  }
  await page.close();
  return { commits, server, sent, refused };
}

async function run(state: { server: BenchServer | null; browser: Browser | null }): Promise<void> {
  const spec = largeCompanySpec(TECHS, JOBS);
  const clock = process.env.CREWBOARD_CLOCK ? new Date(process.env.CREWBOARD_CLOCK) : benchClock(spec.timeZone);
  const date = wallClock(clock, spec.timeZone).date;
  await assertPortFree(PORT);
  log(`seeding ${TECHS} technicians × ${JOBS / TECHS} jobs for ${date} into ${path.relative(process.cwd(), DATA_DIR)} (clock ${clock.toISOString()})…`);
  const company = await seedFresh(DATA_DIR, spec, clock);
  log(`starting the server on port ${PORT} (it builds first if the sources changed)…`);
  state.server = await startServer({ port: PORT, dataDir: DATA_DIR, clock, log });
  await waitForLogin(state.server, 20 * 60_000);

  // our own signal handlers close the browser and stop the server, in that order
  state.browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // the probes below are strings evaluated in the page; the app's content security policy forbids eval
  const context = await state.browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
  const url = `${state.server.baseUrl}/schedules?date=${date}`;
  const signInPage = await context.newPage();
  await signIn(signInPage, state.server.baseUrl, `dispatcher@${spec.emailDomain}`);
  await signInPage.close();

  const loads = await measureLoads(context, url);
  const drags = await measureDrags(context, url, company, clock);
  for (const r of drags.refused) log(`refused: ${r}`);
  if (drags.commits.length === 0) throw new Error("every drag was refused; nothing to time");

  print("board_interactive_ms", percentile(loads.interactive, 50));
  print("board_interactive_p95_ms", percentile(loads.interactive, 95));
  print("board_first_lane_ms", percentile(loads.firstLane, 50));
  print("drag_commit_p50_ms", percentile(drags.commits, 50));
  print("drag_commit_p95_ms", percentile(drags.commits, 95));
  console.log(`drag_commit_count: ${drags.commits.length}`);
  console.log(`drag_refused_count: ${drags.refused.length}`);
  if (drags.server.length > 0) {
    print("drag_server_p50_ms", percentile(drags.server, 50));
    print("drag_server_p95_ms", percentile(drags.server, 95));
  }
  if (drags.sent.length > 0) print("drag_request_leaves_p50_ms", percentile(drags.sent, 50));
  // the server must be gone before the data folder is opened here (one PGlite per folder)
  await stopServer(state.server);
  state.server = null;
  const cost = await measureDragCost(DATA_DIR, `dispatcher@${spec.emailDomain}`, date, clock);
  console.log(`drag_sql_statements: ${cost.statements}`);
  print("drag_db_p50_ms", cost.dbMsP50);
  print("drag_db_p95_ms", cost.dbMsP95);
  if (drags.server.length > 0) {
    // where a drag's time goes: the server's answer vs. the browser rendering it
    print("drag_client_p50_ms", Math.max(0, percentile(drags.commits, 50) - percentile(drags.server, 50)));
  }
  print("load_average_1m", loadavg()[0]);
}

const state: { server: BenchServer | null; browser: Browser | null } = { server: null, browser: null };
let stopping: Promise<void> | null = null;
const cleanup = () =>
  (stopping ??= (async () => {
    await state.browser?.close().catch(() => undefined);
    if (state.server) await stopServer(state.server);
  })());
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the browser and the server`);
    void cleanup().finally(() => process.exit(1));
  });
}

let failed = false;
try {
  await run(state);
} catch (err) {
  failed = true;
  console.error(`bench:board failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
