import { Badge } from '@mantine/core';
import type { TakeOutState } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';

const COLOUR: Record<TakeOutState, string> = {
  pending: 'yellow',
  approved: 'teal',
  out: 'blue',
  overdue: 'red',
  rejected: 'gray',
  cancelled: 'gray',
  returned: 'green',
  disposed: 'green',
};

/** The state of a take-out (out and overdue are derived from an approved request's period). */
export function StateBadge({ state }: { state: TakeOutState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOUR[state]} variant="light" autoContrast data-testid="take-out-state">
      {t(`takeOuts.state.${state}`)}
    </Badge>
  );
}

/** A class name with its colour as a small dot (the colour alone never carries the meaning). */
export function ClassBadge({ name, colour }: { name: string; colour?: string }) {
  return (
    <Badge
      variant="outline"
      color="gray"
      c="dark.9"
      leftSection={
        colour ? <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: colour }} /> : null
      }
    >
      {name}
    </Badge>
  );
}
