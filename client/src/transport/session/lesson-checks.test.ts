import { describe, expect, it } from 'vitest';
import { RUN_FIRST } from './lesson-checks';
import { chainDoc, createHarness, playing, settle } from './test-docs';

describe('lessons in the session', () => {
  it('checks the current run and keeps the answer per lesson', async () => {
    const h = await playing();
    await h.session.checkLesson('retries-dead-letter');
    expect(h.fake.sent.at(-1)).toEqual({
      name: 'lesson:check',
      payload: { runId: h.runId, lessonId: 'retries-dead-letter' },
    });
    const failed = h.store.getState().lessons.results['retries-dead-letter'];
    expect(failed).toMatchObject({ pass: false, reason: '2 events were dead-lettered (charger: 2).' });
    h.fake.lessonPass = true;
    await h.session.checkLesson('retries-dead-letter');
    expect(h.store.getState().lessons).toMatchObject({
      checking: null,
      results: { 'retries-dead-letter': { pass: true } },
    });
  });

  it('without a run it says to run first and asks the server nothing', async () => {
    const h = createHarness(chainDoc('A', 'a'));
    await h.session.checkLesson('fan-out');
    expect(h.fake.sent.some((c) => c.name === 'lesson:check')).toBe(false);
    expect(h.store.getState().toast?.message).toBe(RUN_FIRST);
  });

  it("keeps the presenter's tally from room:lesson-tally", async () => {
    const h = createHarness(chainDoc('A', 'a'));
    const lessons = [
      {
        lessonId: 'fan-out',
        goal: 'Every group gets every order',
        attempted: 2,
        passed: 1,
        attendees: [
          { attendeeId: 'a1', name: 'Grace', pass: true },
          { attendeeId: 'a2', name: 'Alan', pass: false },
        ],
      },
    ];
    h.fake.emit('room:lesson-tally', { code: 'ABC234', lessons });
    expect(h.store.getState().lessons.tally).toEqual(lessons);
  });
});

describe('shared runs in the session', () => {
  it('shares the current run as <flow>.replay.json', async () => {
    const h = await playing();
    const file = await h.session.shareRun();
    expect(file?.fileName).toBe('A.replay.json');
    expect(JSON.parse(file?.text ?? '{}')).toMatchObject({ format: 'eventflow.replay', seed: 7 });
  });

  it('importing a replay file opens its flow and starts a run that replays its script', async () => {
    const h = await playing();
    const file = (await h.session.shareRun())!;
    const other = createHarness(chainDoc('B', 'b'));
    expect(await other.session.importText(file.text, 'A.replay.json')).toBe(true);
    await settle();
    const start = other.fake.sent.find((c) => c.name === 'run:start');
    expect(start?.payload).toMatchObject({
      flow: { name: 'A' },
      seed: 7,
      paused: true,
      replay: { commands: [{ command: { op: 'fire', nodeId: 'p' } }] },
    });
    expect(other.store.getState().present.name).toBe('A');
    expect(other.store.getState().run.id).not.toBeNull();
  });

  it('a broken replay file opens the problems dialog with paths and changes nothing', async () => {
    const h = createHarness(chainDoc('B', 'b'));
    const text = JSON.stringify({ format: 'eventflow.replay', version: 1, flow: {}, seed: 'x' });
    expect(await h.session.importText(text, 'bad.replay.json')).toBe(false);
    const dialog = h.store.getState().dialog;
    expect(dialog?.type).toBe('import-problems');
    const paths = dialog?.type === 'import-problems' ? dialog.problems.map((p) => p.path) : [];
    expect(paths).toEqual(expect.arrayContaining(['seed', 'script', 'lastSeq']));
    expect(h.store.getState().present.name).toBe('B');
  });
});
