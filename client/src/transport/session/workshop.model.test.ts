import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFollow, startFollowing, type Follow } from '../../model/follow';
import { settle } from './test-docs';
import { attendeeInRoom } from './workshop-test-support';

type Act = 'pan' | 'follow-again' | 'bring-everyone' | 'fork' | 'back' | 'play';
const act = fc.constantFrom<Act>('pan', 'follow-again', 'bring-everyone', 'fork', 'back', 'play');

describe('an attendee’s follow state over any sequence of actions (model test)', () => {
  it('matches the follow rules, shows the presenter’s run only while following, and never stops it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(act, { minLength: 1, maxLength: 14 }), async (acts) => {
        const t = await attendeeInRoom();
        let model: Follow = startFollowing(0);
        let recall = 0;
        for (const a of acts) {
          if (a === 'pan') {
            t.session.panned();
            model = nextFollow(model, { type: 'pan' });
          } else if (a === 'follow-again') {
            t.session.followAgain();
            model = nextFollow(model, { type: 'follow-again' });
          } else if (a === 'bring-everyone') {
            t.fake.rooms.present(t.code, { recall: true });
            model = nextFollow(model, { type: 'recall', recall: ++recall });
          } else if (a === 'fork') {
            t.session.fork();
            // A fork is offered only while the presenter is on screen (a sandbox forks nothing more).
            if (model.mode !== 'sandbox') model = nextFollow(model, { type: 'fork' });
          } else if (a === 'back') {
            t.session.backToPresenter();
            model = nextFollow(model, { type: 'back' });
          } else await t.session.play();
          await settle();
          const s = t.store.getState();
          expect(s.room?.me?.mode).toBe(model.mode);
          if (model.mode === 'sandbox') {
            expect(s.run.id).not.toBe('run-1');
            expect(s.present.name).toBe('Orders (my copy)');
          } else {
            expect(s.run.id).toBe('run-1');
            expect(s.present.name).toBe('Orders');
          }
          expect(t.fake.sentOf('run:stop')).not.toContainEqual({ runId: 'run-1' });
        }
        // Every sandbox run the attendee started was stopped once it left the sandbox.
        const started = t.fake.sentOf('run:start').length - 1;
        const stopped = t.fake.sentOf('run:stop').length;
        expect(stopped).toBe(model.mode === 'sandbox' && t.store.getState().run.id ? started - 1 : started);
        t.session.dispose();
      }),
      { numRuns: 60 },
    );
  });
});
