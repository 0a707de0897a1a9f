import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useAsset, useAssetsMutation, useAssetZone, useFields, useScheme, HANDLING_ACTIONS, type AssetDetail } from './api';
import { AssetFormModal } from './AssetFormModal';
import { ClassBadge } from './ClassBadge';
import { ShareModal } from './ShareModal';
import { DateField } from '../../components/dates/DateField';

function DisposeModal({ asset, onClose }: { asset: AssetDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [disposedOn, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [method, setMethod] = useState(asset.disposal);
  const m = useAssetsMutation(() =>
    api<AssetDetail>(`/assets/${asset.id}/dispose`, { method: 'POST', json: { disposedOn, method }, ifMatch: asset.rowVersion }),
  );
  return (
    <Modal opened onClose={onClose} title={t('assets.dispose')}>
      <Stack>
        <ProblemAlert error={m.error} />
        <DateField label={t('assets.field.disposedOn')} value={disposedOn} onChange={(v) => setOn(v)} />
        <TextInput label={t('assets.field.disposedMethod')} value={method} onChange={(e) => setMethod(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void m.mutateAsync(undefined).then(onClose, () => null)} loading={m.isPending}>
            {t('assets.dispose')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One asset: its record, its class and what the class rules say, its copies, the partners it is shared with. */
export function AssetPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const asset = useAsset(id);
  const a = asset.data;
  const scheme = useScheme(a?.unitId);
  const fields = useFields(a?.unitId);
  const canReadPartners = useCan('partners:read');
  const zone = useAssetZone(id, useCan('zones:read')).data?.zone;
  const [modal, setModal] = useState<'edit' | 'copy' | 'share' | 'dispose' | null>(null);
  const unshare = useAssetsMutation((partnerId: string) => api(`/assets/${id}/partners/${partnerId}`, { method: 'DELETE' }));
  if (!a) return <ProblemAlert error={asset.error} />;
  const cls = scheme.data?.value.classes.find((c) => c.code === a.classCode);
  const row = (label: string, value: React.ReactNode) => (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value === '' || value === null ? '—' : value}</Text>
    </div>
  );
  return (
    <Stack data-testid="asset-page">
      <Group justify="space-between">
        <Group>
          <Title order={2} data-testid="asset-title">
            {a.name}
          </Title>
          <ClassBadge code={a.classCode} classes={scheme.data?.value.classes} />
          {a.status === 'disposed' && <Badge color="gray">{t('assets.status.disposed')}</Badge>}
        </Group>
        {a.can.manage && (
          <Group>
            <Button variant="default" onClick={() => setModal('edit')} data-testid="asset-edit">
              {t('common.edit')}
            </Button>
            {!a.originalId && (
              <Button variant="default" onClick={() => setModal('copy')} data-testid="asset-add-copy">
                {t('assets.addCopy')}
              </Button>
            )}
            <Button color="red" variant="light" onClick={() => setModal('dispose')} data-testid="asset-dispose">
              {t('assets.dispose')}
            </Button>
          </Group>
        )}
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {row(t('assets.field.unit'), ja ? a.unitNameJa : a.unitNameEn)}
          {row(t('assets.field.kind'), t(`assets.kind.${a.kind}`))}
          {row(t('assets.field.owner'), ja ? a.ownerNameJa : a.ownerNameEn)}
          {row(t('assets.cia'), `${a.confidentiality} / ${a.integrity} / ${a.availability}`)}
          {row(t('assets.field.location'), a.location)}
          {zone &&
            row(
              t('assets.field.zone'),
              <Anchor component={Link} to={`/zones/${zone.id}`} data-testid="asset-zone">
                {ja ? zone.nameJa : zone.nameEn || zone.nameJa}
              </Anchor>,
            )}
          {row(
            t('assets.field.personalData'),
            a.personalData ? `${t('assets.yes')} ${a.personalCategories.join(', ')}` : t('assets.no'),
          )}
          {row(t('assets.field.retention'), a.retention)}
          {row(t('assets.field.disposal'), a.disposal)}
          {a.status === 'disposed' && row(t('assets.field.disposedOn'), `${a.disposedOn ?? ''} ${a.disposedMethod ?? ''}`)}
          {(fields.data?.value ?? []).map((f) => row(ja ? f.labelJa : f.labelEn, a.custom[f.key] ?? ''))}
        </SimpleGrid>
      </Card>
      {cls && (
        <Card withBorder>
          <Title order={4}>{t('assets.handling')}</Title>
          <Table data-testid="asset-rules">
            <Table.Tbody>
              {HANDLING_ACTIONS.map((act) => {
                const r = cls.rules[act];
                return (
                  <Table.Tr key={act}>
                    <Table.Td>{t(`assets.action.${act}`)}</Table.Td>
                    <Table.Td>
                      {t(`assets.decision.${r.decision}`)}
                      {r.approvers.length > 0 && ` (${r.approvers.map((x) => t(`assets.approver.${x}`)).join(' → ')})`}
                      {r.conditions.length > 0 && ` — ${r.conditions.map((c) => t(`assets.condition.${c}`)).join(', ')}`}
                    </Table.Td>
                    <Table.Td>{ja ? r.noteJa : r.noteEn}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Card withBorder>
        <Title order={4}>{t('assets.copies')}</Title>
        {a.original && (
          <Text>
            {t('assets.copyOf')}{' '}
            <Anchor component={Link} to={`/assets/${a.original.id}`}>
              {a.original.name}
            </Anchor>
          </Text>
        )}
        {a.copyList.length === 0 && !a.original && <Text c="dimmed">{t('assets.noCopies')}</Text>}
        {a.copyList.map((c) => (
          <Group key={c.id} gap="xs">
            <Anchor component={Link} to={`/assets/${c.id}`} data-testid="asset-copy">
              {c.name}
            </Anchor>
            {c.status === 'disposed' && <Badge color="gray">{t('assets.status.disposed')}</Badge>}
          </Group>
        ))}
      </Card>
      <Card withBorder>
        <Group justify="space-between">
          <Title order={4}>{t('assets.partners')}</Title>
          {a.can.manage && canReadPartners && (
            <Button size="xs" onClick={() => setModal('share')} data-testid="asset-share">
              {t('assets.share.title')}
            </Button>
          )}
        </Group>
        <ProblemAlert error={unshare.error} />
        {a.partners.length === 0 ? (
          <Text c="dimmed">{t('assets.notShared')}</Text>
        ) : (
          <Table data-testid="asset-partners">
            <Table.Tbody>
              {a.partners.map((p) => (
                <Table.Tr key={p.partnerId}>
                  <Table.Td>{ja ? p.partnerNameJa : p.partnerNameEn}</Table.Td>
                  <Table.Td>{p.encrypted ? t('assets.condition.encryption') : ''}</Table.Td>
                  <Table.Td>{p.approvedBy ? `${p.approvedBy} ${p.approvedOn ?? ''}` : ''}</Table.Td>
                  <Table.Td>
                    {a.can.manage && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => unshare.mutate(p.partnerId)}>
                        {t('assets.unshare')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {modal === 'edit' && <AssetFormModal asset={a} onClose={() => setModal(null)} />}
      {modal === 'copy' && <AssetFormModal copyOf={a} onClose={() => setModal(null)} />}
      {modal === 'share' && <ShareModal asset={a} rule={cls?.rules.share_partner} onClose={() => setModal(null)} />}
      {modal === 'dispose' && <DisposeModal asset={a} onClose={() => setModal(null)} />}
    </Stack>
  );
}
