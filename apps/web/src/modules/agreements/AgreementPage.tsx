import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { AnchorLink } from '../tara/AnchorLink';
import { exportUrl, useAgreement, type AgreementDetail } from './api';
import { DetailsModal } from './DetailsModal';
import { MatrixEditor } from './MatrixEditor';

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:
      </Text>{' '}
      {value || '—'}
    </Text>
  );
}

function Terms({ a }: { a: AgreementDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Stack gap={4}>
        <Fact
          label={t('agreements.fields.counterpartName')}
          value={`${a.counterpartName} (${t(`agreements.counterpart.${a.counterpartKind}`)})`}
        />
        <Fact label={t('agreements.fields.effectiveFrom')} value={a.effectiveFrom} />
        <Fact label={t('agreements.fields.supportUntil')} value={a.supportUntil} />
        <Fact
          label={t('agreements.fields.notificationHours')}
          value={a.incidentNotificationHours == null ? null : t('agreements.hours', { count: a.incidentNotificationHours })}
        />
        <Fact label={t('agreements.fields.informationSharing')} value={a.informationSharing} />
        <Fact label={t('agreements.fields.auditRights')} value={a.auditRights} />
      </Stack>
    </Paper>
  );
}

/** One interface agreement: its terms, contacts, the responsibility matrix and the files the customer receives. */
export function AgreementPage() {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const { id } = useParams({ from: '/app/interface-agreements/$id' });
  const canManage = useCan('products:manage');
  const q = useAgreement(id);
  const [editing, setEditing] = useState(false);
  if (q.error) return <ProblemAlert error={q.error} />;
  const a = q.data;
  if (!a) return null;
  return (
    <Stack data-testid="agreement-page">
      <div>
        <Group gap="xs" wrap="wrap">
          <Title order={2} data-testid="agreement-title">
            {a.programme}
          </Title>
          <Badge variant="light" data-testid="agreement-status-badge">
            {t(`agreements.status.${a.status}`)}
          </Badge>
        </Group>
        <Group gap="md" wrap="wrap">
          <AnchorLink to="/products/$id" params={{ id: a.productId }} search={{ release: undefined, tab: undefined }}>
            {a.productCode} {localName({ nameJa: a.productNameJa, nameEn: a.productNameEn })}
          </AnchorLink>
          {a.taraAnalysisId && (
            <AnchorLink to="/tara-analyses/$id" params={{ id: a.taraAnalysisId }}>
              TARA: {a.taraTitle}
            </AnchorLink>
          )}
        </Group>
      </div>
      <Group gap="xs" wrap="wrap" data-testid="agreement-export">
        {canManage && (
          <Button size="xs" onClick={() => setEditing(true)} data-testid="agreement-edit">
            {t('agreements.edit')}
          </Button>
        )}
        {(['pdf', 'xlsx'] as const).map((f) => (
          <Button
            key={f}
            component="a"
            size="xs"
            variant="default"
            href={exportUrl(a.id, f, i18n.language)}
            data-testid={`agreement-export-${f}`}
          >
            {t(`agreements.export.${f}`)}
          </Button>
        ))}
      </Group>
      <Terms a={a} />
      <Title order={3}>{t('agreements.matrix.title')}</Title>
      <MatrixEditor key={a.rowVersion} a={a} canManage={canManage} />
      <Title order={3}>{t('agreements.contacts.title')}</Title>
      {a.contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.contacts.none')}
        </Text>
      ) : (
        <Table data-testid="agreement-contacts" minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agreements.contacts.side')}</Table.Th>
              <Table.Th>{t('agreements.contacts.role')}</Table.Th>
              <Table.Th>{t('agreements.contacts.name')}</Table.Th>
              <Table.Th>{t('agreements.contacts.email')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.contacts.map((c, i) => (
              <Table.Tr key={i}>
                <Table.Td>{t(`agreements.side.${c.party}`)}</Table.Td>
                <Table.Td>{c.role}</Table.Td>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.email ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <DetailsModal a={a} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
