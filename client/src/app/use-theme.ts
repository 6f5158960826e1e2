import { useEffect } from 'react';
import type { AppStore } from '../store/store';
import type { Theme } from '../store/ui-slice';

const KEY = 'eventflow.theme';

export function initialTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Mirrors the theme onto <html data-theme> (the CSS variables) and remembers it. */
export function useTheme(store: AppStore): void {
  useEffect(() => {
    const apply = (theme: Theme) => {
      document.documentElement.dataset.theme = theme;
      document.documentElement.style.colorScheme = theme;
    };
    apply(store.getState().theme);
    return store.subscribe((s, prev) => {
      if (s.theme === prev.theme) return;
      apply(s.theme);
      localStorage.setItem(KEY, s.theme);
    });
  }, [store]);
}
