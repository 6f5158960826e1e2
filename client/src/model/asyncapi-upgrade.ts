import { convert } from '@asyncapi/converter';
import type { AsyncApiUpgrade } from '@eventflow/shared';

/** AsyncAPI 2.x → 3.0 with the AsyncAPI project's own converter, for `asyncApiToFlow`'s `upgrade`. */
export const upgradeAsyncApi: AsyncApiUpgrade = (doc) =>
  convert({ ...doc, asyncapi: String(doc.asyncapi) }, '3.0.0');
