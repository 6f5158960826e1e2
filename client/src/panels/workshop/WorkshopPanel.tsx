import { Copy, Crosshair, Power, Users, ChevronDown, ChevronUp } from 'lucide-react';
import { useState } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import { formatJoinCode, joinUrlOf } from '../../model/join-code';
import { QrCode } from './QrCode';
import './workshop.css';

/** The presenter's room: the join code, link and QR code, who is in, and the presenter's tools. */
export function WorkshopPanel() {
  const session = useSession();
  const room = useAppStore((s) => (s.room?.role === 'presenter' ? s.room : null));
  const openDialog = useAppStore((s) => s.openDialog);
  const notify = useAppStore((s) => s.notify);
  const [open, setOpen] = useState(true);
  if (!room) return null;
  const code = formatJoinCode(room.code);
  const url = joinUrlOf(window.location.origin, room.code);
  const online = room.attendees.filter((a) => a.connected).length;
  const copy = () =>
    void navigator.clipboard
      ?.writeText(url)
      .then(() => notify('Join link copied.'))
      .catch(() => notify(`Copy this link: ${url}`));
  return (
    <section className={`ef-workshop${open ? '' : ' is-collapsed'}`} aria-label="Workshop">
      <header className="ef-workshop__head">
        <span className="ef-workshop__live" aria-hidden />
        <span className="ef-workshop__title">Workshop</span>
        <span className="ef-workshop__count" title={`${online} connected of ${room.attendees.length}`}>
          <Users size={14} aria-hidden /> <span data-testid="workshop.count">{room.attendees.length}</span>
        </span>
        <button
          type="button"
          className="ef-icon-btn"
          aria-label={open ? 'Collapse the workshop panel' : 'Expand the workshop panel'}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? <ChevronUp size={16} /> : <ChevronDown size={16} />}
        </button>
      </header>
      {open && (
        <div className="ef-workshop__body">
          <div className="ef-workshop__code" data-testid="workshop.code" aria-label={`Join code ${code}`}>
            {code}
          </div>
          <div className="ef-workshop__share">
            <QrCode text={url} label={`QR code of the join link ${url}`} />
            <div className="ef-workshop__share-text">
              <p className="ef-workshop__hint">
                Attendees scan the code, open the link, or type the code in “Join a workshop”.
              </p>
              <button type="button" className="ef-btn ef-btn--small" onClick={copy} title={url}>
                <Copy size={14} aria-hidden /> Copy link
              </button>
            </div>
          </div>
          <input
            className="ef-input ef-workshop__url"
            readOnly
            value={url}
            aria-label="Join link"
            data-testid="workshop.url"
          />
          <div className="ef-workshop__actions">
            <button type="button" className="ef-btn" onClick={() => void session.bringEveryone()}>
              <Crosshair size={14} aria-hidden /> Bring everyone to me
            </button>
            <button
              type="button"
              className="ef-btn ef-btn--danger"
              onClick={() => openDialog({ type: 'end-workshop' })}
            >
              <Power size={14} aria-hidden /> End workshop
            </button>
          </div>
          <h3 className="ef-workshop__sub">
            In the room <span className="ef-badge">{room.attendees.length}</span>
          </h3>
          {room.attendees.length === 0 ? (
            <p className="ef-workshop__empty">
              Nobody has joined yet. Show the code or the QR code on screen.
            </p>
          ) : (
            <ul className="ef-workshop__people" aria-label="Attendees">
              {room.attendees.map((a) => (
                <li key={a.id} className={a.connected ? 'is-online' : 'is-offline'}>
                  <span className="ef-workshop__dot" aria-hidden />
                  <span className="ef-workshop__name">{a.name}</span>
                  <span className="ef-workshop__state">{a.connected ? 'connected' : 'away'}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="ef-workshop__hint">Right-click a node to spotlight it for everyone.</p>
        </div>
      )}
    </section>
  );
}
