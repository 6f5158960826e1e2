import type { FlowListItem } from '@eventflow/shared';
import type { AppStore } from '../../store/store';
import type { Api } from '../api';

export type SaveAsApi = Pick<Api, 'listFlows' | 'createFlow' | 'updateFlow'>;
/** What to do when the library already has a flow of that name: ask first, replace it, or keep both. */
export type NameTaken = 'ask' | 'replace' | 'keep-both';
/** `taken`: nothing was saved; the caller asks the user (Replace / Keep both). */
export type SaveAsOutcome = { saved: string } | { taken: FlowListItem } | { failed: string };

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The first of "name (2)", "name (3)", … that no flow in the library is called. */
export function freeName(name: string, taken: readonly { name: string }[]): string {
  for (let i = 2; ; i += 1) {
    const candidate = `${name} (${i})`;
    if (!taken.some((f) => sameName(f.name, candidate))) return candidate;
  }
}

/** The library flow called `name` (case and outer spaces aside), if any, and the whole listing. */
export async function flowNamed(api: SaveAsApi, name: string) {
  const all = await api.listFlows();
  return { all, match: all.find((f) => sameName(f.name, name)) };
}

/**
 * "Save as": a new library flow, unless the name is taken. Then it asks (returns `taken`), replaces that
 * flow with this document (the library keeps one flow of the name), or keeps both under a free name.
 */
export async function saveAs(
  store: AppStore,
  api: SaveAsApi,
  name: string,
  ifTaken: NameTaken,
): Promise<SaveAsOutcome> {
  const s = () => store.getState();
  try {
    const { all, match } = await flowNamed(api, name);
    if (match && ifTaken === 'ask') return { taken: match };
    const finalName = match && ifTaken === 'keep-both' ? freeName(name, all) : name;
    const doc = { ...s().present, name: finalName };
    const saved =
      match && ifTaken === 'replace'
        ? await api.updateFlow(match.id, match.revision, doc)
        : await api.createFlow(doc);
    s().setName(finalName);
    s().markSaved(saved.id, saved.revision);
    s().closeDialog();
    s().notify(match && ifTaken === 'replace' ? `Replaced “${finalName}”` : `Saved as “${finalName}”`);
    return { saved: finalName };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    s().notify(`Save as failed: ${message}`, 'error');
    return { failed: message };
  }
}
