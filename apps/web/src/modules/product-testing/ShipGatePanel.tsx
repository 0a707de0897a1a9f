import { Alert, Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { type ShipGate, useShipGate } from './api';

const STATE_COLORS = { pass: 'green', block: 'red', not_checked: 'gray', off: 'gray' } as const;

/** One rule of the gate: its state, what blocks (up to five named) and the link that fixes it. */
function Rule({ check }: { check: ShipGate['checks'][number] }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="gate-rule" data-rule={check.rule} data-state={check.state}>
      <Group gap={6} wrap="wrap">
        <Badge color={STATE_COLORS[check.state]} variant={check.state === 'block' ? 'filled' : 'light'}>
          {t(`testing.gate.state.${check.state}`)}
        </Badge>
        <Text size="sm">{t(`testing.gate.rule.${check.rule}`)}</Text>
        {check.state === 'block' && check.link && (
          <Anchor component={Link} to={check.link} size="sm" data-testid="gate-rule-link">
            {t('testing.gate.open')}
          </Anchor>
        )}
      </Group>
      {check.state === 'block' && check.blocking.length > 0 && (
        <List size="xs" ml="md">
          {check.blocking.slice(0, 5).map((b) => (
            <List.Item key={b.id} data-testid="gate-blocking">
              {b.label}
            </List.Item>
          ))}
          {check.blocking.length > 5 && <List.Item>{t('testing.gate.more', { count: check.blocking.length - 5 })}</List.Item>}
        </List>
      )}
    </List.Item>
  );
}

/**
 * The ship gate of a release as the server evaluates it now: every rule of the group's setting, which pass, which
 * block (with a link to what blocks), and the TARA rules that are not checked yet.
 */
export function ShipGatePanel({ productId, releaseId }: { productId: string; releaseId: string }) {
  const { t } = useTranslation();
  const gate = useShipGate(productId, releaseId);
  if (gate.error) return <ProblemAlert error={gate.error} />;
  if (!gate.data) return null;
  return (
    <Alert
      color={gate.data.passes ? 'green' : 'red'}
      title={gate.data.passes ? t('testing.gate.passes') : t('testing.gate.blocks')}
      data-testid="ship-gate"
      data-passes={gate.data.passes}
    >
      <Stack gap={4}>
        <List spacing={4} listStyleType="none">
          {gate.data.checks.map((c) => (
            <Rule key={c.rule} check={c} />
          ))}
        </List>
      </Stack>
    </Alert>
  );
}
