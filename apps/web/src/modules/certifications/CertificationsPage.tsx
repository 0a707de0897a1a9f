import { Anchor, Button, Group, Loader, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { CERTIFICATION_STANDARDS } from '@mamori/contracts';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { useCertifications, useStandards } from './api';
import { CertificationForm } from './CertificationForm';
import { StateBadge, useStandardTitle } from './parts';

/** Every certificate the reader may see, by company; the company's office records new ones here. */
export function CertificationsPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const title = useStandardTitle();
  const navigate = useNavigate();
  const canManage = useCan('certifications:manage');
  const standards = useStandards();
  const [standard, setStandard] = useState<string | null>(null);
  const [withdrawn, setWithdrawn] = useState(false);
  const [adding, setAdding] = useState(false);
  const list = useCertifications({ standard: standard ?? undefined, withdrawn: withdrawn ? 'true' : undefined });
  const companies = [...new Map((list.data ?? []).map((c) => [c.company.id, c.company])).values()];
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('certPages.title')}</Title>
        {canManage && (
          <Button onClick={() => setAdding(!adding)} variant={adding ? 'default' : 'filled'} data-testid="cert-new">
            {adding ? t('certPages.cancel') : t('certPages.new')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t('certPages.intro')}
      </Text>
      {adding && (
        <CertificationForm
          onDone={(saved) => {
            notifySuccess(t('certPages.saved'));
            setAdding(false);
            void navigate({ to: '/certifications/$id', params: { id: saved.id } });
          }}
        />
      )}
      <Group wrap="wrap" align="flex-end">
        <Select
          label={t('certPages.field.standard')}
          placeholder={t('certPages.allStandards')}
          clearable
          data={CERTIFICATION_STANDARDS.map((s) => {
            const info = standards.data?.find((x) => x.id === s);
            return { value: s, label: info ? name(info) : s };
          })}
          value={standard}
          onChange={setStandard}
          w={280}
          maw="100%"
        />
        <Switch
          label={t('certPages.showWithdrawn')}
          checked={withdrawn}
          onChange={(e) => setWithdrawn(e.currentTarget.checked)}
        />
      </Group>
      <ProblemAlert error={list.error} />
      {list.isLoading && <Loader />}
      {list.data?.length === 0 && <Text c="dimmed">{t('certPages.none')}</Text>}
      {companies.map((company) => (
        <Paper key={company.id} withBorder p="sm" data-testid="cert-company-group">
          <Title order={4}>{name(company)}</Title>
          <Stack gap="xs" mt="xs">
            {list.data
              ?.filter((c) => c.company.id === company.id)
              .map((c) => (
                <Stack key={c.id} gap={2} data-testid="cert-row">
                  <Group gap="xs" wrap="wrap">
                    <StateBadge state={c.state} />
                    <Anchor component={Link} to={`/certifications/${c.id}`} data-testid="cert-link">
                      {title(c)}
                    </Anchor>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {c.registrationNumber} · {c.certificationBody} ·{' '}
                    {t('certPages.validity', { from: c.validFrom, to: c.validTo })}
                    {c.nextAudit &&
                      ` · ${t('certPages.field.nextAudit')}: ${t(`certPages.auditKind.${c.nextAudit.kind}`)} ${c.nextAudit.date}`}
                  </Text>
                </Stack>
              ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
