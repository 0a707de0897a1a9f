import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { createSoa, useSoaMutation, useSoas, type SoaVersionSummary } from './api';
import { SoaStatusBadge } from './badges';

function VersionCell({ v }: { v: SoaVersionSummary | null }) {
  const { t, i18n } = useTranslation();
  if (!v) return <Text c="dimmed">—</Text>;
  return (
    <Group gap="xs">
      <Text>{t('soa.versionN', { n: v.number })}</Text>
      <SoaStatusBadge status={v.status} testId="soa-list-status" />
      <Text size="sm" c="dimmed">
        {v.approvedAt ? formatDateTime(v.approvedAt, i18n.language) : t('soa.decidedOf', { n: v.decided })}
      </Text>
    </Group>
  );
}

/** The Statements of Applicability the user may see, one per ISMS scope; the office starts one for a scope. */
export function SoaListPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('soa:manage');
  const soas = useSoas();
  const [scope, setScope] = useState<string | null>(null);
  const create = useSoaMutation(createSoa);
  return (
    <Stack>
      <Title order={2}>{t('soa.title')}</Title>
      <Text c="dimmed">{t('soa.intro')}</Text>
      {canManage && (
        <Card withBorder>
          <Group align="flex-end">
            <OrgUnitSelect label={t('soa.scope')} value={scope} onChange={setScope} testId="soa-scope" />
            <Button
              disabled={!scope}
              loading={create.isPending}
              data-testid="soa-create"
              onClick={() => scope && create.mutate(scope, { onSuccess: () => setScope(null) })}
            >
              {t('soa.create')}
            </Button>
          </Group>
          <ProblemAlert error={create.error} />
        </Card>
      )}
      <ProblemAlert error={soas.error} />
      <Table striped data-testid="soa-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('soa.scope')}</Table.Th>
            <Table.Th>{t('soa.approvedVersion')}</Table.Th>
            <Table.Th>{t('soa.openVersion')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(soas.data ?? []).map((s) => (
            <Table.Tr key={s.id} data-testid="soa-row">
              <Table.Td>
                <Anchor component={Link} to={`/soa/${s.id}`} data-testid="soa-link">
                  {i18n.language === 'ja' ? s.scope.name.ja : s.scope.name.en}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <VersionCell v={s.approved} />
              </Table.Td>
              <Table.Td>
                <VersionCell v={s.open} />
              </Table.Td>
            </Table.Tr>
          ))}
          {soas.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>{t('soa.none')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
