import {
  fail,
  ok,
  type RecordedCommand,
  type RecordedStep,
  type ReplayScript,
  type Result,
} from '@eventflow/shared';
import type { Engine } from './api.js';

/** Applies one recorded command, as the run loop did when it was live. */
export function applyRecorded(engine: Engine, command: RecordedCommand): Result<unknown> {
  switch (command.op) {
    case 'fire':
      return engine.fire(command.nodeId, command.data);
    case 'update':
      return engine.updateNode(command.nodeId, command.config);
    case 'replay':
      return engine.replay(command.nodeId, command.fromOffset);
    case 'replay-time':
      return engine.replayFromTime(command.nodeId, command.fromTime);
    case 'outage':
      return engine.setTopicDown(command.nodeId, command.down);
    case 'webhook-response':
      return engine.answerWebhook(command.requestId, command.status);
    case 'down':
      return engine.setDown(command.nodeId, command.down, command.instance);
    case 'rebuild':
      return engine.rebuildProjection(command.nodeId, command.fromSnapshot);
  }
}

/**
 * Replays a run on a fresh engine of the same flow and seed: each command at its recorded position, then on
 * to where the run was shared. The trace it writes is the original's, hop for hop; a command that fails
 * here (it succeeded when recorded) means the script is not of this flow and seed.
 */
export function playScript(engine: Engine, script: ReplayScript): Result<null> {
  for (const [i, { at, command }] of script.commands.entries()) {
    const moved = engine.seek(at);
    if (!moved.ok) return fail('invalid-payload', `commands[${i}]: ${moved.message}`);
    const applied = applyRecorded(engine, command);
    if (!applied.ok) return fail('invalid-payload', `commands[${i}] (${command.op}): ${applied.message}`);
  }
  const ended = engine.seek(script.end);
  return ended.ok ? ok(null) : fail('invalid-payload', `end: ${ended.message}`);
}

/** Applies a live command and, when the engine took it, logs it at the position it was applied. */
export function applyAndRecord(
  engine: Engine,
  command: RecordedCommand,
  log: RecordedStep[],
): Result<unknown> {
  const at = engine.position();
  const result = applyRecorded(engine, command);
  if (result.ok) log.push({ at, command });
  return result;
}
