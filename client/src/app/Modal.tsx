import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  tone?: 'default' | 'danger';
}

/** An accessible modal: labelled by its title, closes on Escape, focuses its first control. */
export function Modal({ title, onClose, children, footer, wide, tone = 'default' }: ModalProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = box.current?.querySelector<HTMLElement>(
      '[data-autofocus], input, textarea, select, button:not(.ef-modal__close)',
    );
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="ef-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className={`ef-modal${wide ? ' ef-modal--wide' : ''} is-${tone}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <header className="ef-modal__head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="ef-icon-btn ef-modal__close" aria-label="Close" onClick={onClose}>
            <X size={16} />
          </button>
        </header>
        <div className="ef-modal__body">{children}</div>
        {footer && <footer className="ef-modal__foot">{footer}</footer>}
      </div>
    </div>
  );
}
