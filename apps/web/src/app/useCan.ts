import type { Action } from '../api/types';
import { useMe } from '../modules/auth/api';

/** Whether the signed-in user may perform `action` somewhere (the server still checks scope on each request). */
export function useCan(action: Action): boolean {
  const { data: me } = useMe();
  return me?.actions.includes(action) ?? false;
}
