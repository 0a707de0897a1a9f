import { lazy, Suspense, useSyncExternalStore } from 'react';
import i18n from '../i18n';

// The toasts (Mantine's container, store and transitions: ~12 KB gzip with their requests) are loaded when the first
// toast is shown, not with the page. Import @mantine/notifications only dynamically, or it joins the shell chunk.
const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })));

let wanted = false;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Shows a toast: mounts the container (once) and puts the toast in Mantine's store, which the container shows. */
export function showToast(options: { color: string; message: string }): void {
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
  // the toast's close button is named in the reader's language (axe: a button needs a name)
  const closeButtonProps = { 'aria-label': i18n.t('common.close') };
  void import('@mantine/notifications').then(({ notifications }) => notifications.show({ ...options, closeButtonProps }));
}

/** The toasts' container, rendered once the first toast is asked for (main.tsx). */
export function Toasts() {
  const show = useSyncExternalStore(subscribe, () => wanted);
  return show ? (
    <Suspense fallback={null}>
      <Notifications position="bottom-right" />
    </Suspense>
  ) : null;
}
