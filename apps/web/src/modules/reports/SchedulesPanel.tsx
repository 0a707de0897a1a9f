import type { ReportFormat } from '@mamori/contracts';
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useCreateSchedule, useDeleteSchedule, useSchedules } from './api';

/**
 * Repeat the report chosen above every month or every year (the 1st, 07:00 Japan time; yearly on 1 April for the
 * year just ended) and mail its link to the recipients. Lists the schedules the reader can see, with a way to stop one.
 */
export function SchedulesPanel(props: {
  templateId: string | null;
  unitId: string | null;
  language: 'ja' | 'en';
  formats: ReportFormat[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const schedules = useSchedules();
  const create = useCreateSchedule();
  const remove = useDeleteSchedule();
  const [frequency, setFrequency] = useState<'monthly' | 'yearly'>('monthly');
  const [recipients, setRecipients] = useState('');
  const list = recipients
    .split(/[\s,;、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    <Stack>
      <Paper
        withBorder
        p="md"
        component="form"
        aria-labelledby="schedule-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (props.templateId)
            create.mutate(
              { ...props, templateId: props.templateId, frequency, recipients: list },
              { onSuccess: () => setRecipients('') },
            );
        }}
      >
        <Title order={3} size="h4" id="schedule-title" mb="xs">
          {t('reportsUi.schedules.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('reportsUi.schedules.intro')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('reportsUi.schedules.frequency')}
            data={[
              { value: 'monthly', label: t('reportsUi.schedules.frequencies.monthly') },
              { value: 'yearly', label: t('reportsUi.schedules.frequencies.yearly') },
            ]}
            value={frequency}
            onChange={(v) => v && setFrequency(v as 'monthly' | 'yearly')}
            allowDeselect={false}
            w={160}
            data-testid="schedule-frequency"
          />
          <TextInput
            label={t('reportsUi.schedules.recipients')}
            description={t('reportsUi.schedules.recipientsHint')}
            value={recipients}
            onChange={(e) => setRecipients(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 240 }}
            data-testid="schedule-recipients"
          />
          <Button
            type="submit"
            variant="default"
            loading={create.isPending}
            disabled={!props.templateId || !list.length || !props.formats.length}
            data-testid="schedule-create"
          >
            {t('reportsUi.schedules.create')}
          </Button>
        </Group>
        {create.error && <ProblemAlert error={create.error} />}
      </Paper>
      {remove.error && <ProblemAlert error={remove.error} />}
      {!!schedules.data?.length && (
        <Table data-testid="report-schedules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reportsUi.reports.report')}</Table.Th>
              <Table.Th>{t('reportsUi.schedules.frequency')}</Table.Th>
              <Table.Th>{t('reportsUi.schedules.next')}</Table.Th>
              <Table.Th>{t('reportsUi.schedules.recipients')}</Table.Th>
              {/* positioned: the hidden text is absolutely placed, and would otherwise widen the page, not the table */}
              <Table.Th style={{ position: 'relative' }}>
                <VisuallyHidden>{t('reportsUi.schedules.stop')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schedules.data.map((s) => (
              <Table.Tr key={s.id} data-testid="report-schedule">
                <Table.Td>
                  <Text fw={600}>{s.title}</Text>
                  <Text size="xs" c="dimmed">
                    {s.unit ? s.unit.name[lang] : t('reportsUi.wholeGroup')} · {s.language.toUpperCase()} ·{' '}
                    {s.formats.map((f) => f.toUpperCase()).join(', ')} · {s.createdBy.name}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`reportsUi.schedules.frequencies.${s.frequency}`)}</Table.Td>
                <Table.Td>{formatDateTime(s.nextRunAt, i18n.language)}</Table.Td>
                <Table.Td>{s.recipients.join(', ')}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => remove.mutate(s.id)}
                    loading={remove.isPending && remove.variables === s.id}
                    aria-label={t('reportsUi.schedules.stopNamed', { name: s.title })}
                  >
                    {t('reportsUi.schedules.stop')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
