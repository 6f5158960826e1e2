import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FlowDoc, RoomCreated } from '@eventflow/shared';
import { median } from '../lib.js';
import { loadReferenceFlow } from '../reference.js';
import { REDIS_URL, redisReachable } from '../../server/src/transport/socket/cluster/cluster-support.js';
import type { BenchSection, BenchRow, SectionResult } from './section.js';
import { epochNow, type Expect, type FromFleet, type ToFleet } from './workshop-ipc.js';
import { presenterAt, send, spawnChild, stats, type Child } from './workshop-processes.js';

/** The issue's goal: every attendee has the presenter's action within this many ms (p99). */
const GOAL_MS = 250;
/** Fleet processes the attendees are spread over (the bench machine has two cores). */
const FLEETS = 2;
/** Presenter actions per attendee count: resume, pause, select, step, step, select per cycle. */
const CYCLES = 12;
/** A fleet that has not seen an action after this long has lost it (counted apart from the timings). */
const LOST_MS = 5000;
/** Events per simulated second: the reference flow's topology at a rate a room can watch at 1×. */
const RATE = 200;

const now = () => epochNow(performance.timeOrigin, performance.now());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The reference flow, endless at `RATE` events/s: at its own 1,000,000/s it would end in 0.1 s at 1×. */
function workshopFlow(): FlowDoc {
  const flow = loadReferenceFlow();
  return {
    ...flow,
    name: `${flow.name} (workshop, ${RATE}/s)`,
    nodes: flow.nodes.map((n) => {
      if (n.kind !== 'producer') return n;
      const { count: _count, ...config } = n.config;
      return { ...n, config: { ...config, rate: RATE } };
    }),
  };
}

export interface Point {
  attendees: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  /** Which actions were lost, e.g. "hops×2". */
  lostKinds: string;
  /** Attendees the server disconnected while this point was measured. */
  dropped: number;
  samples: number;
  /** Server CPU during the action cycles, ms per wall second. */
  cpuMsPerSec: number;
  rssMb: number;
  heapMb: number;
}

/**
 * One server process, one presenter running the flow at 1×, attendees added in steps (spread over
 * `FLEETS` processes); at each step the presenter's actions are timed until every attendee has them.
 */
export async function measureWorkshop(
  sweep: readonly number[],
  cluster?: { redisUrl: string; keyPrefix: string },
): Promise<Point[]> {
  // Two processes on one Redis: the presenter and the first fleet on one, the second fleet on the other.
  const servers = (cluster ? [0, 1] : [0]).map(() =>
    spawnChild('workshop-server.ts', cluster ? [cluster.redisUrl, cluster.keyPrefix] : []),
  );
  const urls = await Promise.all(
    servers.map((s) => s.next<{ type: string; url: string }>((m) => m.type === 'ready').then((m) => m.url)),
  );
  const url = urls[0] ?? '';
  const fleets = Array.from({ length: FLEETS }, () => spawnChild('workshop-fleet.ts'));
  const presenter = await presenterAt(url);
  try {
    const flow = workshopFlow();
    const { runId } = await send<{ runId: string }>(presenter, 'run:start', { flow, speed: 1, paused: true });
    const { code } = await send<RoomCreated>(presenter, 'room:create', { flow });
    await send(presenter, 'room:presenter-state', { code, patch: { runId } });
    await send(presenter, 'run:resume', { runId });

    let actionId = 0;
    const timeAction = async (expect: Expect, act: () => Promise<unknown>, active: Child[]) => {
      const id = ++actionId;
      const armed = active.map((f) => f.next<FromFleet>((m) => m.type === 'armed' && m.id === id));
      for (const f of active) f.proc.send({ type: 'arm', id, expect } satisfies ToFleet);
      await Promise.all(armed);
      const got = active.map((f) =>
        Promise.race([
          f.next<FromFleet & { type: 'got' }>((m) => m.type === 'got' && m.id === id).then((m) => m.lastAt),
          sleep(LOST_MS).then(() => undefined),
        ]),
      );
      const t0 = now();
      await act();
      const lastAts = await Promise.all(got);
      const lost = lastAts.some((t) => t === undefined);
      const kind = expect.kind === 'state' ? expect.status : expect.kind;
      return { ms: lost ? LOST_MS : Math.max(...(lastAts as number[])) - t0, lost, kind };
    };

    const points: Point[] = [];
    let joined = 0;
    let selections = 0;
    for (const target of sweep) {
      const before = joined;
      const perFleet = Array.from(
        { length: FLEETS },
        (_, i) => Math.floor((target - before) / FLEETS) + (i < (target - before) % FLEETS ? 1 : 0),
      );
      await Promise.all(
        fleets.map(async (f, i) => {
          const count = perFleet[i] ?? 0;
          if (count === 0) return;
          const done = f.next<FromFleet>((m) => m.type === 'joined');
          const at = urls[i % urls.length] ?? url;
          f.proc.send({ type: 'join', url: at, code, count, from: joined + i * count } satisfies ToFleet);
          await done;
        }),
      );
      joined = target;
      // A fleet holding nobody yet would never answer.
      const active = fleets.filter((_, i) => i < target);
      await sleep(500);
      const s0 = await stats(servers);
      const droppedBefore = fleets.reduce((a, f) => a + f.dropped, 0);
      const times: number[] = [];
      const lostBy = new Map<string, number>();
      const record = (r: { ms: number; lost: boolean; kind: string }) => {
        // A lost action is counted, not timed: the percentiles are of the actions every attendee received.
        if (r.lost) lostBy.set(r.kind, (lostBy.get(r.kind) ?? 0) + 1);
        else times.push(r.ms);
      };
      const select = () => {
        const eventId = `bench-${++selections}`;
        return timeAction(
          { kind: 'delta', eventId },
          () =>
            send(presenter, 'room:presenter-state', {
              code,
              patch: { selection: { eventId, hopSeq: null } },
            }),
          active,
        );
      };
      for (let c = 0; c < CYCLES; c++) {
        await sleep(400); // the run streams at 1× meanwhile: hop batches reach every attendee
        record(
          await timeAction(
            { kind: 'state', status: 'paused' },
            () => send(presenter, 'run:pause', { runId }),
            active,
          ),
        );
        record(await select());
        record(await timeAction({ kind: 'hops' }, () => send(presenter, 'run:step', { runId }), active));
        record(await timeAction({ kind: 'hops' }, () => send(presenter, 'run:step', { runId }), active));
        record(await select());
        record(
          await timeAction(
            { kind: 'state', status: 'running' },
            () => send(presenter, 'run:resume', { runId }),
            active,
          ),
        );
      }
      const s1 = await stats(servers);
      const sorted = [...times].sort((a, b) => a - b);
      const point: Point = {
        attendees: target,
        p50: median(sorted),
        p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
        max: sorted.at(-1) ?? 0,
        lost: [...lostBy.values()].reduce((a, b) => a + b, 0),
        dropped: fleets.reduce((a, f) => a + f.dropped, 0) - droppedBefore,
        lostKinds: [...lostBy].map(([k, n]) => `${k}×${n}`).join(' '),
        samples: sorted.length + [...lostBy.values()].reduce((a, b) => a + b, 0),
        cpuMsPerSec: ((s1.cpuMs - s0.cpuMs) / (s1.wallMs - s0.wallMs)) * 1000,
        rssMb: s1.rssMb,
        heapMb: s1.heapMb,
      };
      points.push(point);
      // As it goes: a long sweep that fails later still shows what it measured.
      console.error(`# workshop ${JSON.stringify(point)}`);
    }
    return points;
  } finally {
    presenter.disconnect();
    for (const f of fleets) f.proc.send({ type: 'close' } satisfies ToFleet);
    await Promise.all(
      servers.map(async (server) => {
        const exited = new Promise((r) => server.proc.once('exit', r));
        server.proc.send({ type: 'close' });
        await Promise.race([exited, sleep(5000)]);
        server.proc.kill();
      }),
    );
  }
}

/** Rows and figures: each point against the first (the baseline, measured in the same run). */
export function report(points: readonly Point[], label = ''): SectionResult {
  const base = points[0];
  if (!base) return { rows: [], metrics: {} };
  const rows: BenchRow[] = [];
  const metrics: SectionResult['metrics'] = {};
  for (const p of points) {
    const extra = p.attendees - base.attendees;
    const cpuEach = extra > 0 ? (p.cpuMsPerSec - base.cpuMsPerSec) / extra : 0;
    const mbEach = extra > 0 ? (p.heapMb - base.heapMb) / extra : 0;
    const ratio = base.p99 > 0 ? ` (×${(p.p99 / base.p99).toFixed(2)})` : '';
    rows.push({
      metric: `${label}${p.attendees} attendee${p.attendees === 1 ? '' : 's'}: action → every attendee p50 / p99`,
      value: `${p.p50.toFixed(1)} / ${p.p99.toFixed(1)} ms${ratio}, max ${p.max.toFixed(1)}, ${p.lost} lost of ${p.samples}${p.lost ? ` (${p.lostKinds})` : ''}${p.dropped ? `, ${p.dropped} attendees dropped` : ''}`,
      goal: p.attendees === 100 ? `p99 < ${GOAL_MS} ms` : undefined,
      pass: p.attendees === 100 ? p.p99 < GOAL_MS && p.lost === 0 && p.dropped === 0 : undefined,
    });
    rows.push({
      metric: `${label}${p.attendees}: server CPU, heap after GC, RSS (per extra attendee)`,
      value: `${p.cpuMsPerSec.toFixed(0)} ms/s, ${p.heapMb.toFixed(1)} MB, ${p.rssMb.toFixed(0)} MB (${cpuEach.toFixed(2)} ms/s, ${mbEach.toFixed(3)} MB heap)`,
    });
    const key = `${label.replace(/\W/g, '')}n${p.attendees}`;
    metrics[`${key}P50Ms`] = Math.round(p.p50 * 10) / 10;
    metrics[`${key}P99Ms`] = Math.round(p.p99 * 10) / 10;
    metrics[`${key}Lost`] = p.lost;
    metrics[`${key}Dropped`] = p.dropped;
    metrics[`${key}CpuMsPerSec`] = Math.round(p.cpuMsPerSec);
    metrics[`${key}CpuMsPerSecPerAttendee`] = Math.round(cpuEach * 100) / 100;
    metrics[`${key}RssMb`] = Math.round(p.rssMb);
    metrics[`${key}HeapMb`] = Math.round(p.heapMb * 10) / 10;
    metrics[`${key}HeapMbPerAttendee`] = Math.round(mbEach * 1000) / 1000;
  }
  const over = points.find((p) => p.p99 >= GOAL_MS || p.lost > 0 || p.dropped > 0);
  const largest = points.at(-1)?.attendees ?? 0;
  rows.push({
    metric: `${label}attendees at which p99 passes ${GOAL_MS} ms`,
    value: over ? `${over.attendees}` : `beyond ${largest} (the largest measured)`,
  });
  metrics[`${label.replace(/\W/g, '')}p99PassesGoalAt`] = over ? over.attendees : `>${largest}`;
  return { rows, metrics };
}

/** Attendee counts of the default run (about a minute); `--attendees` sweeps further. */
export const DEFAULT_SWEEP = [1, 25, 50, 100, 200];

/** Attendee counts of the two-process figure, run when Redis answers (default run: about 20 s). */
export const CLUSTER_SWEEP = [1, 100];

export function workshopSection(
  sweep: readonly number[] = DEFAULT_SWEEP,
  clusterSweep: readonly number[] = CLUSTER_SWEEP,
): BenchSection {
  return {
    name: 'workshop',
    async run() {
      // Every process here shares the machine: its load says how much the figures are the machine's.
      const loadBefore = loadavg()[0] ?? 0;
      const one = report(await measureWorkshop(sweep));
      one.rows.push({
        metric: 'machine load (1-min average) before / after',
        value: `${loadBefore.toFixed(1)} / ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`,
      });
      one.metrics.loadBefore = Math.round(loadBefore * 10) / 10;
      if (!(await redisReachable())) {
        one.rows.push({ metric: 'two processes', value: `skipped: no Redis at ${REDIS_URL}` });
        return one;
      }
      const keyPrefix = `eventflow-bench-${process.pid}`;
      const two = report(
        await measureWorkshop(clusterSweep, { redisUrl: REDIS_URL, keyPrefix }),
        '2 processes, ',
      );
      return { rows: [...one.rows, ...two.rows], metrics: { ...one.metrics, ...two.metrics } };
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sweep = (process.argv[2] ?? DEFAULT_SWEEP.join(',')).split(',').map(Number);
  const cluster =
    process.argv[3] === 'redis'
      ? { redisUrl: REDIS_URL, keyPrefix: `eventflow-bench-${process.pid}` }
      : undefined;
  const r = report(await measureWorkshop(sweep, cluster), cluster ? '2 processes, ' : '');
  for (const row of r.rows) console.log(`${row.metric}: ${row.value}`);
  console.log(JSON.stringify(r.metrics));
}
