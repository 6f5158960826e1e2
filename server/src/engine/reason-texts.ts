import type { CompiledExpr, ConsumerConfig } from '@eventflow/shared';

/**
 * Texts of the reasons the hot path gives most (a filter's miss, a processing failure and its retry), built
 * once per compiled filter or consumer config rather than per hop: a fresh template string per hop had to be
 * built and hashed again by `reasonCode`'s lookup, a few per cent of a run in the profile (decision 0026).
 * The texts depend on nothing but their key, so one cache serves every engine; interning them stays
 * per run, in `reasonCode`, at the same moment as before, so reason codes are unchanged.
 */
const missTexts = new WeakMap<CompiledExpr, string>();
const failureTexts = new WeakMap<ConsumerConfig, string>();
const retryTexts = new WeakMap<ConsumerConfig, string[]>();

/** `did not match <source>`: the reason on a `filtered` hop. */
export function missText(filter: CompiledExpr): string {
  let text = missTexts.get(filter);
  if (text === undefined) missTexts.set(filter, (text = `did not match ${filter.source}`));
  return text;
}

/** The reason of a drawn processing failure (`failureRate`). */
export function failureText(cfg: ConsumerConfig): string {
  let text = failureTexts.get(cfg);
  if (text === undefined)
    failureTexts.set(cfg, (text = `processing failed (failureRate ${cfg.failureRate})`));
  return text;
}

/** `<why>; attempt n of max in d ms`, cached by attempt when `why` is the config's own failure text. */
export function retryText(cfg: ConsumerConfig, why: string, attempt: number, delay: number): string {
  const build = () => `${why}; attempt ${attempt} of ${cfg.maxAttempts} in ${delay} ms`;
  if (why !== failureTexts.get(cfg)) return build();
  let byAttempt = retryTexts.get(cfg);
  if (byAttempt === undefined) retryTexts.set(cfg, (byAttempt = []));
  return (byAttempt[attempt] ??= build());
}
