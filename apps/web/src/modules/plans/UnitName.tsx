import { useLocalName } from '../../components/names';
import { useOrgUnit } from '../org/api';

/**
 * A scope unit's name: the one the saved plan carries, else (a unit just added in the editor, not saved yet) the
 * unit's own record, fetched once and cached (the unit picker has usually fetched it already).
 */
export function UnitName({ id, known }: { id: string; known: string | undefined }) {
  const name = useLocalName();
  const unit = useOrgUnit(known ? null : id);
  if (known) return <>{known}</>;
  return <>{unit.data ? name(unit.data) : '…'}</>;
}
