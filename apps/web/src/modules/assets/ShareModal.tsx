import { Alert, Button, Checkbox, Group, List, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Page } from '../../api/types';
import { ProblemAlert } from '../../components/problem';
import { useAssetsMutation, type AssetDetail, type HandlingRule } from './api';
import { DateField } from '../../components/dates/DateField';

interface PartnerOption {
  id: string;
  nameJa: string;
  nameEn: string;
}

/**
 * Shares the asset with a business partner. The class rule is shown first (approval, encryption, NDA); a refusal
 * lists each reason the server gave (no NDA in force, open improvement requests, forbidden class…).
 */
export function ShareModal({
  asset,
  rule,
  onClose,
}: {
  asset: AssetDetail;
  rule: HandlingRule | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [encrypted, setEncrypted] = useState(false);
  const [approvedBy, setApprovedBy] = useState('');
  const [approvedOn, setApprovedOn] = useState('');
  const partners = useQuery({
    queryKey: ['partners', 'pick', q],
    queryFn: () => api<Page<PartnerOption>>('/partners', { query: { q: q || undefined, limit: 20 } }),
  });
  const mutation = useAssetsMutation((body: Record<string, unknown>) =>
    api<AssetDetail>(`/assets/${asset.id}/partners`, { method: 'POST', json: body }),
  );
  const reasons = mutation.error instanceof ApiError ? mutation.error.errors : [];
  const needsApproval = rule?.decision === 'approval';
  const submit = async () => {
    const ok = await mutation
      .mutateAsync({
        partnerId,
        encrypted,
        ...(approvedBy ? { approvedBy } : {}),
        ...(approvedOn ? { approvedOn } : {}),
      })
      .catch(() => null);
    if (ok) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('assets.share.title')} size="lg">
      <Stack data-testid="share-modal">
        {rule && (
          <Alert color={rule.decision === 'forbidden' ? 'red' : 'blue'} data-testid="share-rule">
            {t(`assets.decision.${rule.decision}`)}
            {rule.conditions.length > 0 && ` — ${rule.conditions.map((c) => t(`assets.condition.${c}`)).join(', ')}`}
            {(ja ? rule.noteJa : rule.noteEn) && <div>{ja ? rule.noteJa : rule.noteEn}</div>}
          </Alert>
        )}
        <Select
          label={t('assets.share.partner')}
          searchable
          required
          value={partnerId}
          onChange={setPartnerId}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: ja ? p.nameJa : p.nameEn }))}
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="share-partner"
        />
        <Checkbox
          label={t('assets.share.encrypted')}
          checked={encrypted}
          onChange={(e) => setEncrypted(e.currentTarget.checked)}
        />
        {needsApproval && (
          <Group grow>
            <TextInput
              label={t('assets.share.approvedBy')}
              value={approvedBy}
              onChange={(e) => setApprovedBy(e.currentTarget.value)}
            />
            <DateField label={t('assets.share.approvedOn')} value={approvedOn} onChange={(v) => setApprovedOn(v)} />
          </Group>
        )}
        {mutation.error && <ProblemAlert error={mutation.error} listErrors={false} testId="share-refused" />}
        {reasons.length > 0 && (
          <List data-testid="share-reasons">
            {reasons.map((e, i) => (
              <List.Item key={i}>{ApiError.errorText(e)}</List.Item>
            ))}
          </List>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} disabled={!partnerId} loading={mutation.isPending} data-testid="share-submit">
            {t('assets.share.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
