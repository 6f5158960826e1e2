import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LessonChecked, LessonList, RoomLessonTallyEvent, type RoomJoined } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../test-support.js';
import { joinAs } from './room-support.js';
import { send, value, waitFor } from './socket-support.js';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
const exampleFlow = (id: string): unknown =>
  JSON.parse(readFileSync(path.join(examplesDir, `${id}.flow.json`), 'utf8'));

/** The retries example with its charger given `maxAttempts` (10 passes the lesson, 4 as shipped fails it). */
function charges(maxAttempts?: number): unknown {
  const flow = exampleFlow('retries-dead-letter') as { nodes: { id: string; config: object }[] };
  if (maxAttempts === undefined) return flow;
  return {
    ...flow,
    nodes: flow.nodes.map((n) => (n.id === 'charger' ? { ...n, config: { ...n.config, maxAttempts } } : n)),
  };
}

async function finishedRun(client: TestClient, flow: unknown): Promise<string> {
  const { runId } = value(await send<{ runId: string }>(client, 'run:start', { flow, paused: true }));
  value(await send(client, 'run:advance', { runId, ms: 120_000 }));
  return runId;
}

const check = async (client: TestClient, runId: string, lessonId = 'retries-dead-letter') =>
  LessonChecked.parse(value(await send(client, 'lesson:check', { runId, lessonId })));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ examplesDir });
});
afterAll(() => server.close());

describe('GET /api/lessons', () => {
  it('serves one lesson per example, parsed', async () => {
    const lessons = LessonList.parse(await (await fetch(`${server.url}/api/lessons`)).json());
    expect(lessons.map((l) => l.id)).toContain('retries-dead-letter');
    expect(lessons.find((l) => l.id === 'retries-dead-letter')?.lesson.check.goal).toBe(
      'Dead-letter no charge',
    );
  });
});

describe('lesson:check', () => {
  it("fails the example as shipped with the learner's reason, and passes once fixed", async () => {
    const client = await server.connect();
    const failed = await check(client, await finishedRun(client, charges()));
    expect(failed).toMatchObject({
      pass: false,
      finished: true,
      recorded: false,
      goal: 'Dead-letter no charge',
    });
    expect(failed.reason).toMatch(/^2 events were dead-lettered \(charger: 2\)/);
    const passed = await check(client, await finishedRun(client, charges(10)));
    expect(passed).toMatchObject({ pass: true, finished: true });
  });

  it('a pass needs the whole run: a run paused early is not decided', async () => {
    const client = await server.connect();
    const { runId } = value(
      await send<{ runId: string }>(client, 'run:start', { flow: charges(10), paused: true }),
    );
    value(await send(client, 'run:advance', { runId, ms: 100 }));
    expect(await check(client, runId)).toMatchObject({ pass: false, finished: false });
  });

  it("refuses another session's run, an unknown lesson and a malformed id", async () => {
    const owner = await server.connect();
    const other = await server.connect();
    const runId = await finishedRun(owner, charges());
    const stolen = await send(other, 'lesson:check', { runId, lessonId: 'retries-dead-letter' });
    expect(stolen).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send(owner, 'lesson:check', { runId, lessonId: 'no-such-lesson' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await send(owner, 'lesson:check', { runId, lessonId: '../etc/passwd' })).toMatchObject({
      ok: false,
      code: 'invalid-payload',
    });
  });
});

describe('the presenter tally', () => {
  it("records each attendee's check and tells only the presenter, who also finds it in a fresh snapshot", async () => {
    const presenter = await server.connect();
    const created = value(
      await send<{ code: string }>(presenter, 'room:create', { flow: charges(), presenterName: 'Ada' }),
    );
    const tallies: RoomLessonTallyEvent[] = [];
    presenter.on('room:lesson-tally', (e) => tallies.push(RoomLessonTallyEvent.parse(e)));
    const grace = await server.connect();
    const alan = await server.connect();
    let alanHeard = 0;
    alan.on('room:lesson-tally', () => alanHeard++);
    const joined: RoomJoined = await joinAs(grace, created.code, 'Grace');
    await joinAs(alan, created.code, 'Alan');

    expect(await check(grace, await finishedRun(grace, charges()))).toMatchObject({
      pass: false,
      recorded: true,
    });
    await waitFor(() => tallies.length === 1, 10_000, 'first tally');
    expect(await check(alan, await finishedRun(alan, charges(10)))).toMatchObject({
      pass: true,
      recorded: true,
    });
    await waitFor(() => tallies.length === 2, 10_000, 'second tally');
    const lesson = tallies[1]!.lessons.find((l) => l.lessonId === 'retries-dead-letter');
    expect(lesson).toMatchObject({ goal: 'Dead-letter no charge', attempted: 2, passed: 1 });
    expect(lesson?.attendees).toEqual([
      { attendeeId: joined.attendeeId, name: 'Grace', pass: false },
      { attendeeId: expect.any(String), name: 'Alan', pass: true },
    ]);

    // Grace fixes her flow: her pass counts; a later failing experiment does not take it back.
    expect(await check(grace, await finishedRun(grace, charges(10)))).toMatchObject({ pass: true });
    expect(await check(grace, await finishedRun(grace, charges()))).toMatchObject({ pass: false });
    await waitFor(() => tallies.length === 4, 10_000, 'fourth tally');
    expect(tallies[3]!.lessons[0]).toMatchObject({ attempted: 2, passed: 2 });

    const synced = value(
      await send<{ snapshot: { lessonTally?: unknown } }>(presenter, 'room:sync', { code: created.code }),
    );
    expect(synced.snapshot.lessonTally).toEqual(tallies[3]!.lessons);
    const attendeeView = value(
      await send<{ snapshot: { lessonTally?: unknown } }>(grace, 'room:sync', { code: created.code }),
    );
    expect(attendeeView.snapshot.lessonTally).toBeUndefined();
    expect(alanHeard).toBe(0);
  });

  it("the presenter's own check is not recorded", async () => {
    const presenter = await server.connect();
    value(await send(presenter, 'room:create', { flow: charges(), presenterName: 'Ada' }));
    expect(await check(presenter, await finishedRun(presenter, charges()))).toMatchObject({
      recorded: false,
    });
  });
});
