import { Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useUnitName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type Incident, useIncident } from './api';
import { NearMissBadge, SeverityBadge, StatusBadge } from './badges';
import { CAUSES, INCIDENT_TYPES, pick } from './catalog';
import { DeadlinesPanel } from './DeadlinesPanel';

// The panels (forms, selects, tables: ~100 KB with their requests) come in a chunk of their own, fetched once the
// case has rendered, so they do not compete with the case itself for a slow connection: see CasePanels.tsx. The
// regulatory clocks are not among them: they are what the case is run by, so they come first and with the case.
const CasePanels = lazy(() => import('./CasePanels').then((m) => ({ default: m.CasePanels })));

/** One case: header, facts, step, clocks, record, tasks, people, evidence and the anonymised summary. */
export function CasePage() {
  const { t, i18n } = useTranslation();
  const unitName = useUnitName();
  const { id } = useParams({ from: '/app/incidents/$id' });
  const incident = useIncident(id);
  if (incident.isPending) return <Loader />;
  if (!incident.data) return <ProblemAlert error={incident.error} />;
  const c = incident.data;
  const lang = i18n.language;
  return (
    <Stack data-testid="incident-case">
      <Anchor component={Link} to="/incidents" size="sm">
        ← {t('incidents.list.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text c="dimmed" fw={700} data-testid="incident-number">
            {c.number}
          </Text>
          <Title order={2} data-testid="incident-title">
            {c.title}
          </Title>
        </Stack>
        <Group>
          {c.nearMiss && <NearMissBadge />}
          <SeverityBadge severity={c.severity} testId="incident-severity" />
          <StatusBadge status={c.status} testId="incident-status" />
        </Group>
      </Group>
      {/* The regulatory clocks first: what is due and when is what the case is run by. */}
      <DeadlinesPanel incidentId={c.id} canManage={c.can.manage} />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} data-testid="incident-facts">
          <Fact label={t('incidents.field.type')}>{pick(INCIDENT_TYPES, c.typeId, lang)}</Fact>
          <Fact label={t('incidents.field.reporter')}>{c.reporter.name}</Fact>
          <Fact label={t('incidents.field.orgUnit')}>{unitName(c)}</Fact>
          <Fact label={t('incidents.field.occurredAt')}>{formatDateTime(c.occurredAt, lang) || '—'}</Fact>
          <Fact label={t('incidents.field.discoveredAt')}>{formatDateTime(c.discoveredAt, lang)}</Fact>
          <Fact label={t('incidents.field.awareAt')}>{formatDateTime(c.awareAt, lang)}</Fact>
          <Fact label={t('incidents.field.reportedAt')}>{formatDateTime(c.reportedAt, lang)}</Fact>
          <Fact label={t('incidents.field.containedAt')}>{formatDateTime(c.containedAt, lang) || '—'}</Fact>
          <Fact label={t('incidents.field.closedAt')}>{formatDateTime(c.closedAt, lang) || '—'}</Fact>
          <Fact label={t('incidents.field.location')}>{c.location || '—'}</Fact>
          <Fact label={t('incidents.field.information')}>{c.information || '—'}</Fact>
          <Fact label={t('incidents.field.cause')}>{c.causeCategory ? pick(CAUSES, c.causeCategory, lang) : '—'}</Fact>
        </SimpleGrid>
        <Fact label={t('incidents.report.description')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Text>
        </Fact>
        <PersonalFacts incident={c} />
      </Paper>
      <Suspense fallback={<Loader size="sm" />}>
        <CasePanels incident={c} />
      </Suspense>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} mt="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function PersonalFacts({ incident: c }: { incident: Incident }) {
  const { t } = useTranslation();
  const f = c.facts;
  return (
    <Group mt="md" gap="xs" data-testid="incident-personal-data">
      <Badge variant="light" color={f.personalData ? 'red' : 'gray'}>
        {f.personalData ? t('incidents.case.personalYes') : t('incidents.case.personalNo')}
      </Badge>
      {f.personalData && f.personCount != null && (
        <Badge variant="light">{t('incidents.case.people', { count: f.personCount })}</Badge>
      )}
      {f.countries.map((cc) => (
        <Badge key={cc} variant="outline">
          {cc}
        </Badge>
      ))}
      {f.dataKinds.map((k) => (
        <Badge key={k} variant="outline" color="grape">
          {t(`incidents.dataKind.${k}`)}
        </Badge>
      ))}
      {f.highRisk && <Badge color="red">{t('incidents.case.highRisk')}</Badge>}
      {f.nis2Significant && <Badge color="red">{t('incidents.case.nis2Significant')}</Badge>}
      {f.secMaterialAt && <Badge color="red">{t('incidents.case.secMaterial')}</Badge>}
      {f.unlawfulPurpose && <Badge color="red">{t('incidents.case.unlawful')}</Badge>}
      {f.customers.map((cu) => (
        <Badge key={cu.name} variant="dot">
          {cu.name}: {cu.within.amount} {t(`incidents.unit.${cu.within.unit}`)}
        </Badge>
      ))}
    </Group>
  );
}
