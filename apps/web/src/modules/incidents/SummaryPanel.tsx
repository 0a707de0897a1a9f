import { Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useSummary } from './api';

/** The case told without names or personal data, for all-employee education (4-2 f). */
export function SummaryPanel({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [lang, setLang] = useState(i18n.language === 'en' ? 'en' : 'ja');
  const summary = useSummary(incidentId, lang, open);
  return (
    <Paper withBorder p="md" data-testid="incident-summary">
      <Group justify="space-between">
        <Title order={4}>{t('incidents.summary.title')}</Title>
        <Group>
          {open && (
            <SegmentedControl
              size="xs"
              value={lang}
              onChange={setLang}
              data={[
                { value: 'ja', label: t('language.ja') },
                { value: 'en', label: t('language.en') },
              ]}
            />
          )}
          <Button size="xs" variant="default" onClick={() => setOpen(!open)} data-testid="summary-toggle">
            {open ? t('incidents.summary.hide') : t('incidents.summary.show')}
          </Button>
        </Group>
      </Group>
      {open && <ProblemAlert error={summary.error} />}
      {open && summary.data && (
        <Stack mt="sm" gap="xs" data-testid="summary-body">
          <Text size="sm" c="dimmed">
            {summary.data.reference} · {summary.data.type} · {summary.data.severity} · {summary.data.period} · {summary.data.site}
            {summary.data.cause ? ` · ${summary.data.cause}` : ''}
          </Text>
          {summary.data.sections.map((s, i) => (
            <Stack key={i} gap={2}>
              <Text fw={600}>{s.heading}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {s.text}
              </Text>
            </Stack>
          ))}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('incidents.summary.redactions', { count: summary.data.redactions })}
            </Text>
            <Button
              component="a"
              href={buildUrl(`/incidents/${incidentId}/summary.pdf`, { lang })}
              size="xs"
              variant="default"
              data-testid="summary-pdf"
            >
              {t('incidents.summary.pdf')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
