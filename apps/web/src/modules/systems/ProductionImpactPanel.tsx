import { Badge, Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useSystems } from './api';
import { type ProductionImpact, useProductionImpact, useRecordImpact } from './fsirt-api';

/**
 * The production impact of an FSIRT case (incident type `ot_incident`), on the incident's page: the factory system
 * and its line, whether the line stopped and for how many hours. Those who manage the case record and correct it.
 */
export function ProductionImpactPanel({ incidentId, canManage }: { incidentId: string; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const impact = useProductionImpact(incidentId);
  const [editing, setEditing] = useState(false);
  const current = impact.data ?? null;
  return (
    <Paper withBorder p="md" data-testid="fsirt-impact">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('fsirt.impact.title')}</Title>
          {canManage && !editing && (
            <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="fsirt-impact-edit">
              {current ? t('fsirt.impact.correct') : t('fsirt.impact.record')}
            </Button>
          )}
        </Group>
        <ProblemAlert error={impact.error} />
        {current && !editing && (
          <Group gap="xs" data-testid="fsirt-impact-summary">
            <Text size="sm">
              {current.system.name} · {current.productionLine}
            </Text>
            <Badge color={current.lineStopped ? 'red' : 'green'} variant="light">
              {current.lineStopped ? t('fsirt.impact.stoppedFor', { hours: current.stoppedHours }) : t('fsirt.impact.notStopped')}
            </Badge>
            <Text size="xs" c="dimmed">
              {formatDateTime(current.recordedAt, i18n.language)}
            </Text>
          </Group>
        )}
        {current?.note && !editing && <Text size="sm">{current.note}</Text>}
        {!current && !editing && impact.isSuccess && (
          <Text size="sm" c="dimmed">
            {t('fsirt.impact.none')}
          </Text>
        )}
        {editing && <ImpactForm incidentId={incidentId} current={current} onDone={() => setEditing(false)} />}
      </Stack>
    </Paper>
  );
}

function ImpactForm({
  incidentId,
  current,
  onDone,
}: {
  incidentId: string;
  current: ProductionImpact | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const systems = useSystems({ kind: 'ot' });
  const save = useRecordImpact(incidentId);
  const [systemId, setSystemId] = useState<string | null>(current?.system.id ?? null);
  const [lineStopped, setLineStopped] = useState(current?.lineStopped ?? true);
  const [hours, setHours] = useState<number | string>(current?.stoppedHours ?? 0);
  const [note, setNote] = useState(current?.note ?? '');
  const options = systems.items.map((s) => ({ value: s.id, label: `${s.name} (${s.productionLine})` }));
  const submit = () =>
    save.mutate(
      {
        body: { systemId: systemId ?? '', lineStopped, stoppedHours: lineStopped ? Number(hours) || 0 : 0, note },
        ifMatch: current?.rowVersion,
      },
      { onSuccess: onDone },
    );
  return (
    <Stack gap="xs">
      <Select
        label={t('fsirt.impact.system')}
        data={options}
        value={systemId}
        onChange={setSystemId}
        searchable
        data-testid="fsirt-impact-system"
      />
      <Switch
        label={t('fsirt.impact.lineStopped')}
        checked={lineStopped}
        onChange={(e) => setLineStopped(e.currentTarget.checked)}
        data-testid="fsirt-impact-stopped"
      />
      {lineStopped && (
        <NumberInput
          label={t('fsirt.impact.hours')}
          min={0}
          max={8760}
          step={0.25}
          decimalScale={2}
          value={hours}
          onChange={setHours}
          data-testid="fsirt-impact-hours"
        />
      )}
      <Textarea label={t('fsirt.impact.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize />
      <ProblemAlert error={save.error} />
      <Group>
        <Button onClick={submit} loading={save.isPending} disabled={!systemId} data-testid="fsirt-impact-save">
          {t('fsirt.impact.save')}
        </Button>
        <Button variant="subtle" onClick={onDone}>
          {t('fsirt.impact.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
