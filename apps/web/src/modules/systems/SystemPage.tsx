import { Anchor, Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type System, useStoredAssets, useSystem } from './api';
import { YesNo } from './parts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

/** One system: what it is, who owns and runs it, its protective measures and how it was disposed of. */
export function SystemPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const { id } = useParams({ from: '/app/systems/$id' });
  const q = useSystem(id);
  const s = q.data;
  return (
    <Stack>
      <Anchor component={Link} to="/systems">
        {t('systemPages.back')}
      </Anchor>
      <ProblemAlert error={q.error} />
      {s && (
        <>
          <Group gap="xs">
            <Title order={2} data-testid="system-name">
              {s.name}
            </Title>
            <Badge variant="light">{t(`systemPages.kind.${s.kind}`)}</Badge>
            {s.status === 'retired' && <Badge color="gray.7">{t('systemPages.retired')}</Badge>}
            {s.openFindings > 0 && (
              <Badge color="red.9" variant="outline">
                {t('systemPages.list.gaps', { count: s.openFindings })}
              </Badge>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Field label={t('systemPages.field.unit')}>{name(s.unit)}</Field>
            <Field label={t('systemPages.field.administrator')}>{s.administrator ? name(s.administrator) : '—'}</Field>
            <Field label={t('systemPages.field.provider')}>{s.provider ? name(s.provider) : '—'}</Field>
            <Field label={t('systemPages.field.maxClass')}>{s.maxClassCode}</Field>
            <Field label={t('systemPages.field.internetFacing')}>
              <YesNo value={s.internetFacing} />
            </Field>
            {s.kind === 'ot' && <Field label={t('systemPages.field.productionLine')}>{s.productionLine}</Field>}
            {s.zone && <Field label={t('systemPages.field.zone')}>{name(s.zone)}</Field>}
            {s.conduits.length > 0 && <Field label={t('systemPages.field.conduits')}>{s.conduits.join(', ')}</Field>}
            {s.product && (
              <Field label={t('systemPages.field.product')}>
                {s.product} {s.productVersion}
              </Field>
            )}
          </SimpleGrid>
          <Title order={3}>{t('systemPages.measures.title')}</Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(['epp', 'edr', 'mfa', 'waf', 'networkIsolated'] as const).map((m) => (
              <Field key={m} label={t(`systemPages.measures.${m}`)}>
                <YesNo value={s.measures[m]} />
              </Field>
            ))}
            <Field label={t('systemPages.measures.backup')}>{t(`systemPages.backup.${s.measures.backupFrequency}`)}</Field>
            <Field label={t('systemPages.measures.restoreTest')}>{s.measures.lastRestoreTestOn ?? '—'}</Field>
            <Field label={t('systemPages.measures.logRetention')}>
              {t('systemPages.days', { count: s.measures.logRetentionDays })}
            </Field>
          </SimpleGrid>
          {s.notes && <Text size="sm">{s.notes}</Text>}
          <StoredAssets system={s} />
          {s.disposal && (
            <>
              <Title order={3}>{t('systemPages.disposal.title')}</Title>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Field label={t('systemPages.disposal.retiredOn')}>{s.disposal.retiredOn}</Field>
                {s.disposal.erasureMethod && (
                  <Field label={t('systemPages.disposal.method')}>{t(`systemPages.erasure.${s.disposal.erasureMethod}`)}</Field>
                )}
                {s.disposal.certificateName && (
                  <Field label={t('systemPages.disposal.certificate')}>
                    <Anchor href={`/api/systems/${s.id}/certificate`}>{s.disposal.certificateName}</Anchor>
                  </Field>
                )}
                {s.disposal.contractor && (
                  <Field label={t('systemPages.disposal.contractor')}>{name(s.disposal.contractor)}</Field>
                )}
              </SimpleGrid>
            </>
          )}
        </>
      )}
    </Stack>
  );
}

/** The approval that covers a cloud service and the information assets stored in the system, those above it marked. */
function StoredAssets({ system: s }: { system: System }) {
  const { t } = useTranslation();
  const stored = useStoredAssets(s.id);
  const items = stored.data?.items ?? [];
  return (
    <Stack gap="xs" data-testid="stored-assets">
      <Title order={3}>{t('systemPages.stored.title')}</Title>
      {s.approvedService && (
        <Field label={t('systemPages.stored.approval')}>
          {s.approvedService.serviceName}: {s.approvedService.maxClassCode}
        </Field>
      )}
      <ProblemAlert error={stored.error} />
      {stored.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('systemPages.stored.none')}
        </Text>
      )}
      {items.map((a) => (
        <Group key={a.id} gap="xs" data-testid="stored-asset">
          <Text size="sm">{a.name}</Text>
          <Badge variant="outline">{a.classCode}</Badge>
          {a.aboveApproval && (
            <Badge color="red.9" variant="light">
              {t('systemPages.stored.above')}
            </Badge>
          )}
        </Group>
      ))}
    </Stack>
  );
}
