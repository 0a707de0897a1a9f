import { Anchor, Button, Card, Group, Loader, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { usePartner } from './api';
import { ScoreBadge, TierBadge } from './badges';
import { InviteUserModal } from './InviteUserModal';
import { PartnerAssessments } from './PartnerAssessments';
import { PartnerFormModal } from './PartnerFormModal';
import { PartnerLogs } from './PartnerLogs';
import { PartnerRecords } from './PartnerRecords';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** One partner: profile, tier and score, and its records in tabs. */
export function PartnerPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/partners/$id' });
  const localName = useLocalName();
  const canManage = useCan('partners:manage');
  const canReview = useCan('partner-assessments:review');
  const partner = usePartner(id);
  const [editing, setEditing] = useState(false);
  const [inviting, setInviting] = useState(false);
  if (partner.isPending) return <Loader />;
  if (partner.isError) return <ProblemAlert error={partner.error} />;
  const p = partner.data;
  const shares = Object.entries(p.shares)
    .filter(([, v]) => v)
    .map(([k]) => t(`partners.shares.${k}`));

  return (
    <Stack>
      <Anchor component={Link} to="/partners" size="sm">
        ← {t('partners.list.title')}
      </Anchor>
      <Group justify="space-between">
        <Group>
          <Title order={2} data-testid="partner-name">
            {localName(p)}
          </Title>
          <TierBadge tier={p.tier} />
          <ScoreBadge score={p.latestScore} passed={p.latestPassed} />
        </Group>
        {canManage && (
          <Group>
            <Button variant="default" onClick={() => setInviting(true)} data-testid="partner-invite">
              {t('partners.invite.title')}
            </Button>
            <Button onClick={() => setEditing(true)} data-testid="partner-edit">
              {t('common.edit')}
            </Button>
          </Group>
        )}
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('partners.fields.nameJa')}>{p.nameJa}</Field>
          <Field label={t('partners.fields.nameEn')}>{p.nameEn}</Field>
          <Field label={t('partners.fields.corporateNumber')}>{p.corporateNumber ?? '—'}</Field>
          <Field label={t('partners.fields.country')}>{p.country}</Field>
          <Field label={t('partners.fields.status')}>{t(`partners.partnerStatus.${p.status}`)}</Field>
          <Field label={t('partners.fields.threshold')}>{p.threshold}</Field>
          <Field label={t('partners.fields.shares')}>{shares.join(', ') || '—'}</Field>
          <Field label={t('partners.fields.sharedInformation')}>{p.sharedInformation || '—'}</Field>
          <Field label={t('partners.fields.incidentReportHours')}>{p.incidentReportHours}</Field>
          <Field label={t('partners.fields.usesSubcontractors')}>
            {p.usesSubcontractors ? t('partners.yes') : t('partners.no')}
          </Field>
          <Field label={t('partners.fields.orgUnits')}>{p.orgUnits.map(localName).join(', ') || '—'}</Field>
          <Field label={t('partners.fields.nda')}>{p.hasValidNda ? t('partners.yes') : t('partners.no')}</Field>
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="md">
          {t('partners.fields.contacts')}
        </Text>
        {p.contacts.map((c, i) => (
          <Text size="sm" key={i} data-testid="partner-contact">
            {t(`partners.contactRole.${c.role}`)}: {c.name} {c.email ?? ''} {c.phone ?? ''}
          </Text>
        ))}
      </Card>
      <Tabs defaultValue="assessments" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="assessments" data-testid="partner-tab-assessments">
            {t('partners.tabs.assessments')}
          </Tabs.Tab>
          <Tabs.Tab value="records" data-testid="partner-tab-records">
            {t('partners.tabs.records')}
          </Tabs.Tab>
          <Tabs.Tab value="logs" data-testid="partner-tab-logs">
            {t('partners.tabs.logs')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="assessments" pt="md">
          <PartnerAssessments partnerId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="records" pt="md">
          <PartnerRecords partnerId={id} canManage={canManage} withoutNotice={p.subcontractorsWithoutNotice} />
        </Tabs.Panel>
        <Tabs.Panel value="logs" pt="md">
          <PartnerLogs partnerId={id} canManage={canManage} canVisit={canReview} />
        </Tabs.Panel>
      </Tabs>
      {editing && <PartnerFormModal partner={p} onClose={() => setEditing(false)} />}
      {inviting && <InviteUserModal partnerId={id} onClose={() => setInviting(false)} />}
    </Stack>
  );
}
