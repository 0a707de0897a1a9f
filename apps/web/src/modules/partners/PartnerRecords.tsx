import { Anchor, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { fileUrl, type Nda, NDA_PROVISIONS, patch, post, type Subcontractor, usePartnerMutation, usePartnerSub } from './api';
import { NdaModal } from './NdaModal';

const today = () => new Date().toISOString().slice(0, 10);

/** Depth-first order of the sub-contractor chain (a sub-contractor's sub-contractors under it). */
function chain(list: Subcontractor[]): { s: Subcontractor; depth: number }[] {
  const out: { s: Subcontractor; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const s of list.filter((x) => x.parentId === parent)) {
      out.push({ s, depth });
      walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Sub-contractor chain with prior-notice status, and NDAs with provisions a)–l) and the signed file. */
export function PartnerRecords(props: { partnerId: string; canManage: boolean; withoutNotice: number }) {
  const { partnerId, canManage } = props;
  const { t } = useTranslation();
  const subs = usePartnerSub<Subcontractor>(partnerId, 'subcontractors');
  const ndas = usePartnerSub<Nda>(partnerId, 'ndas');
  const [sub, setSub] = useState({ name: '', country: 'JP', work: '', parentId: null as string | null });
  const [nda, setNda] = useState<Nda | 'new' | null>(null);
  const addSub = usePartnerMutation(() => post(`/partners/${partnerId}/subcontractors`, sub));
  const notice = usePartnerMutation((id: string) =>
    patch(`/partner-subcontractors/${id}`, { status: 'active', priorNoticeReceivedOn: today() }),
  );

  return (
    <Stack>
      <Title order={4}>{t('partners.subs.title')}</Title>
      {props.withoutNotice > 0 && (
        <Text c="red.9" size="sm">
          {t('partners.subs.withoutNotice', { count: props.withoutNotice })}
        </Text>
      )}
      <Table striped data-testid="partner-subcontractors">
        <Table.Tbody>
          {chain(subs.data ?? []).map(({ s, depth }) => (
            <Table.Tr key={s.id}>
              <Table.Td style={{ paddingLeft: 12 + depth * 24 }}>
                {depth > 0 ? '└ ' : ''}
                {s.name} ({s.country})
              </Table.Td>
              <Table.Td>{s.work}</Table.Td>
              <Table.Td>
                <Badge color={s.status === 'pending_notice' ? 'red' : s.status === 'active' ? 'green' : 'gray'} variant="light">
                  {t(`partners.subs.status.${s.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{s.priorNoticeReceivedOn ?? '—'}</Table.Td>
              <Table.Td>
                {canManage && s.status === 'pending_notice' && (
                  <Button size="xs" variant="light" onClick={() => notice.mutate(s.id)}>
                    {t('partners.subs.noticeReceived')}
                  </Button>
                )}
                {canManage && (
                  <Button size="xs" variant="subtle" onClick={() => setSub({ ...sub, parentId: s.id })}>
                    {t('partners.subs.addUnder')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canManage && (
        <Group align="flex-end">
          <TextInput
            label={t('partners.fields.name')}
            value={sub.name}
            onChange={(e) => setSub({ ...sub, name: e.currentTarget.value })}
          />
          <TextInput
            label={t('partners.fields.country')}
            w={80}
            value={sub.country}
            onChange={(e) => setSub({ ...sub, country: e.currentTarget.value.toUpperCase() })}
          />
          <TextInput
            label={t('partners.subs.work')}
            value={sub.work}
            onChange={(e) => setSub({ ...sub, work: e.currentTarget.value })}
          />
          {sub.parentId && (
            <Button variant="subtle" onClick={() => setSub({ ...sub, parentId: null })}>
              {t('partners.subs.under', { name: subs.data?.find((x) => x.id === sub.parentId)?.name ?? '' })} ×
            </Button>
          )}
          <Button onClick={() => addSub.mutate(undefined, { onSuccess: () => setSub({ ...sub, name: '', work: '' }) })}>
            {t('partners.subs.add')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={addSub.error ?? notice.error} />

      <Group justify="space-between" mt="md">
        <Title order={4}>{t('partners.ndas.title')}</Title>
        {canManage && (
          <Button size="xs" onClick={() => setNda('new')} data-testid="nda-add">
            {t('partners.ndas.add')}
          </Button>
        )}
      </Group>
      <Table striped data-testid="partner-ndas">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.ndas.titleField')}</Table.Th>
            <Table.Th>{t('partners.ndas.validity')}</Table.Th>
            {NDA_PROVISIONS.map((p) => (
              <Table.Th key={p} title={t(`partners.ndas.provision.${p}`)}>
                {p})
              </Table.Th>
            ))}
            <Table.Th>{t('partners.ndas.valid')}</Table.Th>
            <Table.Th>{t('partners.ndas.file')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(ndas.data ?? []).map((n) => (
            <Table.Tr key={n.id} data-testid="nda-row">
              <Table.Td>
                {n.title}
                {n.missingProvisions.length > 0 && (
                  <Text size="xs" c="red.9">
                    {t('partners.ndas.missing', { list: n.missingProvisions.map((p) => `${p})`).join(' ') })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {n.validFrom} – {n.validUntil ?? ''}
              </Table.Td>
              {NDA_PROVISIONS.map((p) => (
                <Table.Td key={p} c={n.provisions[p] ? 'green.9' : 'red.9'} title={t(`partners.ndas.provision.${p}`)}>
                  {n.provisions[p] ? '✓' : '✗'}
                </Table.Td>
              ))}
              <Table.Td>{n.valid ? t('partners.yes') : t('partners.no')}</Table.Td>
              <Table.Td>
                {n.fileId ? (
                  <Anchor href={fileUrl(n.fileId)} size="sm" data-testid="nda-file-link">
                    {t('partners.ndas.download')}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('partners.ndas.noFile')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {canManage && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setNda(n)} data-testid="nda-edit">
                    {t('common.edit')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {nda && <NdaModal partnerId={partnerId} nda={nda === 'new' ? null : nda} onClose={() => setNda(null)} />}
    </Stack>
  );
}
