import { X } from 'lucide-react';
import { useEffect } from 'react';
import { useAppStore } from './use-app-store';

const TOAST_MS = 4000;

export function Toast() {
  const toast = useAppStore((s) => s.toast);
  const clear = useAppStore((s) => s.clearToast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(clear, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, clear]);
  if (!toast) return null;
  return (
    <div className={`ef-toast is-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <span>{toast.message}</span>
      <button type="button" className="ef-icon-btn" aria-label="Dismiss" onClick={clear}>
        <X size={14} />
      </button>
    </div>
  );
}
