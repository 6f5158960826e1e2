import { Zap } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';
import { useDismiss } from '../app/use-dismiss';
import { kindMeta } from '../nodes/kind-meta';

/** Parses the optional payload; empty means "use the producer's payload expression". */
export function parsePayload(text: string): { ok: true; data: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, data: undefined };
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** "Fire event": publish one event from a producer now, with an optional JSON payload. */
export function FireMenu() {
  const c = useSession();
  const producers = useAppStore(
    useShallow((s) =>
      s.nodes.filter((n) => kindMeta[n.type].firable).map((n) => `${n.id}\u0000${n.data.label ?? n.id}`),
    ),
  );
  const selectedProducer = useAppStore(
    (s) => s.nodes.find((n) => n.selected && kindMeta[n.type].firable)?.id,
  );
  const [open, setOpen] = useState(false);
  const [nodeId, setNodeId] = useState('');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const closeMenu = useCallback(() => setOpen(false), []);
  const box = useDismiss<HTMLDivElement>(open, closeMenu);
  const target = nodeId || selectedProducer || producers[0]?.split('\u0000')[0] || '';
  const parsed = parsePayload(text);
  const fire = async () => {
    if (!parsed.ok || !target) return;
    const id = await c.fire(target, parsed.data);
    setMessage(id ? `Fired ${id}` : 'Not fired');
  };
  return (
    <div className="ef-menu" ref={box}>
      <button
        type="button"
        className="ef-tool ef-tool--text"
        aria-label="Fire event"
        title="Fire event: publish one event from a producer now"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={producers.length === 0}
        onClick={() => setOpen(!open)}
      >
        <Zap size={16} aria-hidden />
      </button>
      {open && (
        <div className="ef-menu__list ef-fire is-right" role="dialog" aria-label="Fire event">
          <label>
            Producer
            <select value={target} onChange={(e) => setNodeId(e.target.value)}>
              {producers.map((p) => {
                const [id, label] = p.split('\u0000');
                return (
                  <option key={id} value={id}>
                    {label}
                  </option>
                );
              })}
            </select>
          </label>
          <label>
            Payload (JSON, optional)
            <textarea
              aria-label="Payload"
              rows={5}
              spellCheck={false}
              placeholder={'{"total": 120}\n(empty: the producer’s payload expression)'}
              value={text}
              aria-invalid={!parsed.ok}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          {!parsed.ok && <div className="ef-fire__error">{parsed.message}</div>}
          <div className="ef-fire__actions">
            <span role="status">{message}</span>
            <button
              type="button"
              className="ef-btn ef-btn--primary"
              disabled={!parsed.ok || !target}
              onClick={() => void fire()}
            >
              Fire
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
