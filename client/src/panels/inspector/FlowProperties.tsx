import { useAppStore } from '../../app/use-app-store';

/** What the inspector shows with nothing selected: the flow's own fields. */
export function FlowProperties() {
  const meta = useAppStore((s) => s.meta);
  const setName = useAppStore((s) => s.setName);
  const setDescription = useAppStore((s) => s.setDescription);
  const counts = useAppStore((s) => `${s.nodes.length} nodes · ${s.edges.length} edges`);
  return (
    <section className="ef-inspector__section" aria-label="Flow properties">
      <header className="ef-inspector__head">
        <div>
          <div className="ef-inspector__kind">Flow</div>
          <div className="ef-inspector__id">{counts}</div>
        </div>
      </header>
      <div className="ef-field">
        <label className="ef-field__label" htmlFor="flow-name">
          Name
        </label>
        <input
          id="flow-name"
          className="ef-input"
          value={meta.name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="ef-field">
        <label className="ef-field__label" htmlFor="flow-description">
          Description <span className="ef-field__optional">optional</span>
        </label>
        <textarea
          id="flow-description"
          className="ef-input"
          rows={4}
          value={meta.description ?? ''}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <p className="ef-hint">
        Select a node or an edge to configure it. Shift-drag to select several; press ? for shortcuts.
      </p>
    </section>
  );
}
