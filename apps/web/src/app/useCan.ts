import type { Action } from '../api/types';
import { useMe } from '../modules/auth/api';

/**
 * The one place the UI asks what the signed-in user may do (Me.actions, from the server's permission layer).
 * It only hides what would be refused; the server still checks every request and its scope.
 */
export function usePermissions(): (action: Action) => boolean {
  const { data: me } = useMe();
  return (action) => me?.actions.includes(action) ?? false;
}

export function useCan(action: Action): boolean {
  return usePermissions()(action);
}
