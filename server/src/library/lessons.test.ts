import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluateCheck, parseFlow, type FlowDocInput, type Lesson } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index.js';
import { createExampleLibrary } from './examples.js';
import { createLessonLibrary } from './lessons.js';

const library = createExampleLibrary('examples');

/** Runs an example to the end on its own seed, with the lesson's solution applied or not. */
async function checkExample(id: string, lesson: Lesson, solved: boolean) {
  const raw = (await library.get(id)) as FlowDocInput;
  const patch = solved ? (lesson.solution ?? {}) : {};
  const flow = {
    ...raw,
    nodes: raw.nodes.map((n) => (patch[n.id] ? { ...n, config: { ...n.config, ...patch[n.id] } } : n)),
  };
  const parsed = parseFlow(flow);
  if (!parsed.ok) throw new Error(`${id}: ${JSON.stringify(parsed.problems)}`);
  const engine = createEngine({ flow: parsed.flow, seed: parsed.flow.seed ?? 1 });
  engine.run();
  return evaluateCheck(lesson.check, engine.summary(), engine.nextTime() === undefined);
}

describe('examples/*.lesson.json', async () => {
  const examples = (await library.list()).map((e) => e.id);
  const { lessons, invalid } = await library.lessons.list();

  it('every file is a valid lesson, and every example has one', () => {
    expect(invalid).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual(examples);
  });

  it.each(lessons.map((l) => [l.id, l.lesson] as const))(
    '%s teaches what its check asks',
    async (id, lesson) => {
      const flow = (await library.get(id)) as FlowDocInput;
      for (const nodeId of Object.keys(lesson.solution ?? {}))
        expect(
          flow.nodes.map((n) => n.id),
          `solution names ${nodeId}`,
        ).toContain(nodeId);
      const shipped = await checkExample(id, lesson, false);
      expect(shipped.finished).toBe(true);
      if (lesson.solution) {
        // As shipped the example shows the problem; the solution (what tryThis says) fixes it.
        expect(shipped.pass, shipped.reason).toBe(false);
        const solved = await checkExample(id, lesson, true);
        expect(solved.pass, solved.reason).toBe(true);
      } else {
        // An example that shows a working pattern passes; tryThis asks the learner to break it.
        expect(shipped.pass, shipped.reason).toBe(true);
      }
    },
  );
});

describe('createLessonLibrary', () => {
  it('reports a broken lesson with its paths and never serves it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lessons-'));
    const good = await readFile('examples/retries-dead-letter.lesson.json', 'utf8');
    await writeFile(path.join(dir, 'good.lesson.json'), good);
    const broken = { ...JSON.parse(good), watch: 3, check: { goal: 'x', rules: [] } };
    await writeFile(path.join(dir, 'broken.lesson.json'), JSON.stringify(broken));
    await writeFile(path.join(dir, 'garbled.lesson.json'), '{ not json');
    const lessons = createLessonLibrary(dir);
    const listed = await lessons.list();
    expect(listed.lessons.map((l) => l.id)).toEqual(['good']);
    expect(listed.invalid).toEqual([
      {
        file: 'broken.lesson.json',
        problems: [
          { path: 'watch', message: 'expected string, received 3', severity: 'error' },
          { path: 'check.rules', message: expect.stringMatching(/>=1 items/), severity: 'error' },
        ],
      },
      { file: 'garbled.lesson.json', problems: [expect.objectContaining({ message: 'is not valid JSON' })] },
    ]);
    expect(await lessons.get('broken')).toBeUndefined();
    expect(await lessons.get('good')).toMatchObject({ concept: 'Retries and dead-letter queues' });
    expect(await lessons.get('../good')).toBeUndefined();
  });
});
