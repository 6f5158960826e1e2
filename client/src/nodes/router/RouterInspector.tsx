import type { NodeOf, RouteRule, RouterConfig } from '@eventflow/shared';
import { useMemo } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { selectProblems } from '../../store/selectors';
import { RuleEditor } from './RuleEditor';
import { moveRule, nextRuleId } from './handles';

/** A router's mode, its ordered rules (each a labelled handle on the canvas) and where the default route goes. */
export function RouterInspector({ node }: { node: NodeOf<'router'> }) {
  const updateConfig = useAppStore((s) => s.updateConfig);
  const problems = useAppStore(selectProblems);
  const defaults = useAppStore(
    (s) => s.edges.filter((e) => e.source === node.id && e.sourceHandle === 'default').length,
  );
  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const p of problems) {
      if (p.nodeId !== node.id || !p.field?.startsWith('config.')) continue;
      out[p.field.slice('config.'.length).replace(/\[(\d+)\]/g, '.$1')] ??= p.message;
    }
    return out;
  }, [problems, node.id]);
  const config = node.config;
  const set = (next: RouterConfig, field: string) => updateConfig(node.id, next, field);
  const setRules = (rules: RouteRule[]) => set({ ...config, rules }, 'rules');
  return (
    <div className="ef-form">
      <div className="ef-field">
        <label className="ef-field__label" htmlFor={`${node.id}-mode`}>
          Mode
        </label>
        <select
          id={`${node.id}-mode`}
          className="ef-input"
          value={config.mode}
          onChange={(e) =>
            set({ ...config, mode: e.target.value === 'all-matches' ? 'all-matches' : 'first-match' }, 'mode')
          }
        >
          <option value="first-match">first-match</option>
          <option value="all-matches">all-matches</option>
        </select>
        <div className="ef-field__help">
          first-match sends by the first rule that matches; all-matches by every one (fan-out, once per topic)
        </div>
      </div>
      <fieldset className="ef-fieldset" aria-label="Rules">
        <legend>Rules, in order</legend>
        {config.rules.length === 0 && (
          <p className="ef-field__help">
            No rules yet: every event takes the default route. Add a rule, then drag from its handle on the
            node to a topic.
          </p>
        )}
        {config.rules.map((rule, i) => (
          <RuleEditor
            key={rule.id}
            nodeId={node.id}
            rule={rule}
            index={i}
            count={config.rules.length}
            errors={errors}
            onChange={(r) => setRules(config.rules.map((x, j) => (j === i ? r : x)))}
            onRemove={() => setRules(config.rules.filter((_, j) => j !== i))}
            onMove={(by) => setRules(moveRule(config.rules, i, by))}
          />
        ))}
        <button
          type="button"
          className="ef-btn ef-btn--small"
          onClick={() =>
            setRules([
              ...config.rules,
              {
                id: nextRuleId(config),
                label: `Rule ${config.rules.length + 1}`,
                match: 'pattern',
                pattern: '#',
              },
            ])
          }
        >
          Add rule
        </button>
      </fieldset>
      <p className="ef-field__help" role="status">
        {defaults > 0
          ? `Default route: events no rule matches go along ${defaults === 1 ? 'the edge' : `${defaults} edges`} from the "default" handle.`
          : 'Default route: not connected, so an event no rule matches is dropped (an "unrouted" hop says why). Connect the "default" handle to a topic to keep them.'}
      </p>
    </div>
  );
}
