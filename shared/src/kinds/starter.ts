import type { ConfigOf } from '../flow/schema.js';
import type { NodeKind } from './names.js';
import { sharedKinds } from './registry.js';

/** The config of a freshly drawn node: the kind's starter values with every schema default filled in. */
export function starterConfig<K extends NodeKind>(kind: K): ConfigOf<K> {
  return sharedKinds[kind].config.parse(sharedKinds[kind].starter) as ConfigOf<K>;
}
