import { Alert, Button, Checkbox, Group, Select, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { INCIDENT_KINDS, post, usePartnerMutation } from './api';
import { PortalReports } from './PortalReports';
import { DateTimeField } from '../../components/dates/DateField';

const nowLocal = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/** A partner reports an incident that may involve our information (criteria 4-1), and follows its reports. */
export function PortalReportPage() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState(nowLocal());
  const [ours, setOurs] = useState(true);
  const report = usePartnerMutation(() =>
    post<{ withinAgreedTime: boolean }>('/partner-incidents', {
      kind,
      description,
      discoveredAt: new Date(discoveredAt).toISOString(),
      involvesOurInformation: ours,
      language: i18n.language === 'en' ? 'en' : 'ja',
    }),
  );
  return (
    <Stack maw={640}>
      <Title order={2}>{t('partners.report.title')}</Title>
      {report.data ? (
        <Stack align="flex-start">
          <Alert color="green" data-testid="partner-report-done">
            {t('partners.report.done')}
          </Alert>
          <Button
            variant="light"
            onClick={() => {
              report.reset();
              setKind(null);
              setDescription('');
              setDiscoveredAt(nowLocal());
            }}
          >
            {t('partners.report.another')}
          </Button>
        </Stack>
      ) : (
        <>
          <Select
            label={t('partners.report.kind')}
            required
            value={kind}
            onChange={setKind}
            data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`partners.report.kinds.${k}`) }))}
            data-testid="partner-report-kind"
          />
          <Textarea
            label={t('partners.report.description')}
            required
            autosize
            minRows={4}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            data-testid="partner-report-description"
          />
          <DateTimeField label={t('partners.report.discoveredAt')} value={discoveredAt} onChange={(v) => setDiscoveredAt(v)} />
          <Checkbox label={t('partners.report.ours')} checked={ours} onChange={(e) => setOurs(e.currentTarget.checked)} />
          <ProblemAlert error={report.error} />
          <Group>
            <Button
              disabled={!kind || !description.trim()}
              loading={report.isPending}
              onClick={() => report.mutate(undefined)}
              data-testid="partner-report-submit"
            >
              {t('partners.report.submit')}
            </Button>
          </Group>
        </>
      )}
      <PortalReports />
    </Stack>
  );
}
