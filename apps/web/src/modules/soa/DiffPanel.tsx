import { Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useControls, useDiff, type SoaVersionSummary } from './api';
import { decisionOf, SoaStatusBadge } from './badges';

/** Version history, and per control what changed between two versions. */
export function DiffPanel({ soaId, versions }: { soaId: string; versions: SoaVersionSummary[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const numbers = versions.map((v) => String(v.number));
  const [from, setFrom] = useState<string | null>(numbers[1] ?? null);
  const [to, setTo] = useState<string | null>(numbers[0] ?? null);
  const diff = useDiff(soaId, from ? Number(from) : null, to ? Number(to) : null);
  const controls = useControls();
  const title = (id: string) => controls.data?.find((c) => c.id === id)?.title[lang] ?? id;
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (field === 'applicable') return t(`soa.applicable.${decisionOf(v)}`);
    if (field === 'status') return t(`soa.impl.${String(v)}`);
    if (Array.isArray(v)) return v.join(', ') || '—';
    return String(v) || '—';
  };
  return (
    <Stack>
      <Table data-testid="soa-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('soa.version')}</Table.Th>
            <Table.Th>{t('soa.statusLabel')}</Table.Th>
            <Table.Th>{t('soa.approver')}</Table.Th>
            <Table.Th>{t('soa.approvedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>{t('soa.versionN', { n: v.number })}</Table.Td>
              <Table.Td>
                <SoaStatusBadge status={v.status} testId="version-status" />
              </Table.Td>
              <Table.Td>{v.approvedBy?.name ?? '—'}</Table.Td>
              <Table.Td>{formatDateTime(v.approvedAt, i18n.language) || '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {versions.length > 1 && (
        <>
          <Group>
            <Select label={t('soa.diffFrom')} data={numbers} value={from} onChange={setFrom} data-testid="diff-from" />
            <Select label={t('soa.diffTo')} data={numbers} value={to} onChange={setTo} data-testid="diff-to" />
          </Group>
          <ProblemAlert error={diff.error} />
          {diff.data && (
            <Table data-testid="soa-diff">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('soa.fields.control')}</Table.Th>
                  <Table.Th>{t('soa.diffField')}</Table.Th>
                  <Table.Th>{t('soa.diffBefore')}</Table.Th>
                  <Table.Th>{t('soa.diffAfter')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {diff.data.changes.flatMap((c) =>
                  c.fields.map((f) => (
                    <Table.Tr key={`${c.controlId}-${f.field}`} data-testid="diff-row">
                      <Table.Td>
                        {c.controlId} {title(c.controlId)}
                      </Table.Td>
                      <Table.Td>{t(`soa.diffFields.${f.field}`)}</Table.Td>
                      <Table.Td>{show(f.field, f.from)}</Table.Td>
                      <Table.Td>{show(f.field, f.to)}</Table.Td>
                    </Table.Tr>
                  )),
                )}
                {diff.data.changes.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text>{t('soa.noChanges')}</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}
