import { describeRead, type ReadPlan } from './read-plan.js';
import { formatDataProblems, validateData } from './validate-data.js';

/**
 * Why a consumer cannot read an event with `plan` (the failure reason, starting `schema:`), or undefined.
 * `upcast` runs the plan's upcaster over the event (it may throw); both runtimes call this, so the engine's and
 * a broker run's reasons are the same words.
 */
export function readFailure(
  eventType: string,
  plan: ReadPlan,
  data: unknown,
  upcast: (() => unknown) | undefined,
): string | undefined {
  if (plan.kind === 'unregistered') return `schema: ${eventType} v${plan.version} is not registered`;
  let read = data;
  if (plan.upcaster && upcast) {
    try {
      read = upcast();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return `schema: ${describeRead(eventType, plan)}: the upcaster failed: ${why}`;
    }
  }
  const problems = validateData(plan.reader.schema, read);
  return problems.length
    ? `schema: ${describeRead(eventType, plan)}: ${formatDataProblems(problems)}`
    : undefined;
}
