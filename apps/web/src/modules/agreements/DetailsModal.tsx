import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/problem';
import { FormModal } from '../tara/FormModal';
import { DateField } from '../../components/dates/DateField';
import { PARTIES, STATUSES, updateAgreement, useAgreementMutation, useProductTaras, type AgreementDetail } from './api';

type Contact = AgreementDetail['contacts'][number];
const blank = (): Contact => ({ party: 'counterpart', role: '', name: '', email: null, phone: null });

/** Changes the agreement's terms and contacts (If-Match: a change made meanwhile by someone else is refused). */
export function DetailsModal({ a, onClose }: { a: AgreementDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const taras = useProductTaras(a.productId);
  const [v, setV] = useState({
    status: a.status as string,
    taraAnalysisId: a.taraAnalysisId,
    effectiveFrom: a.effectiveFrom ?? '',
    supportUntil: a.supportUntil ?? '',
    incidentNotificationHours: a.incidentNotificationHours,
    informationSharing: a.informationSharing ?? '',
    auditRights: a.auditRights ?? '',
  });
  const [contacts, setContacts] = useState<Contact[]>(a.contacts);
  const save = useAgreementMutation((body: unknown) => updateAgreement(a.id, body, a.rowVersion));
  const err = (f: string) => fieldError(save.error, f);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV({ ...v, [k]: value });
  const setContact = (i: number, c: Partial<Contact>) => setContacts(contacts.map((x, j) => (j === i ? { ...x, ...c } : x)));
  const submit = () =>
    save.mutate(
      {
        ...v,
        effectiveFrom: v.effectiveFrom || null,
        supportUntil: v.supportUntil || null,
        informationSharing: v.informationSharing || null,
        auditRights: v.auditRights || null,
        contacts: contacts.map((c) => ({ ...c, email: c.email || null, phone: c.phone || null })),
      },
      { onSuccess: onClose },
    );
  return (
    <FormModal
      title={t('agreements.edit')}
      testId="agreement-details"
      error={save.error}
      pending={save.isPending}
      onClose={onClose}
      onSubmit={submit}
    >
      <Select
        label={t('agreements.fields.status')}
        data={STATUSES.map((s) => ({ value: s, label: t(`agreements.status.${s}`) }))}
        value={v.status}
        onChange={(s) => set('status', s ?? 'draft')}
        allowDeselect={false}
        error={err('status')}
        data-testid="agreement-status"
      />
      <Select
        label={t('agreements.fields.tara')}
        data={(taras.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))}
        value={v.taraAnalysisId}
        onChange={(s) => set('taraAnalysisId', s)}
        clearable
        error={err('taraAnalysisId')}
      />
      <Group grow wrap="wrap">
        <DateField
          label={t('agreements.fields.effectiveFrom')}
          value={v.effectiveFrom}
          onChange={(d) => set('effectiveFrom', d)}
          error={err('effectiveFrom')}
        />
        <DateField
          label={t('agreements.fields.supportUntil')}
          value={v.supportUntil}
          onChange={(d) => set('supportUntil', d)}
          error={err('supportUntil')}
          data-testid="agreement-support-until"
        />
      </Group>
      <NumberInput
        label={t('agreements.fields.notificationHours')}
        min={1}
        max={8760}
        value={v.incidentNotificationHours ?? ''}
        onChange={(n) => set('incidentNotificationHours', typeof n === 'number' ? n : null)}
        error={err('incidentNotificationHours')}
      />
      <Textarea
        label={t('agreements.fields.informationSharing')}
        autosize
        minRows={2}
        value={v.informationSharing}
        onChange={(e) => set('informationSharing', e.currentTarget.value)}
        error={err('informationSharing')}
      />
      <Textarea
        label={t('agreements.fields.auditRights')}
        autosize
        minRows={2}
        value={v.auditRights}
        onChange={(e) => set('auditRights', e.currentTarget.value)}
        error={err('auditRights')}
      />
      <Text fw={500} size="sm">
        {t('agreements.contacts.title')}
      </Text>
      {contacts.map((c, i) => (
        <Stack key={i} gap={4} p="xs" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}>
          <Group grow wrap="wrap">
            <Select
              label={t('agreements.contacts.side')}
              data={PARTIES.map((p) => ({ value: p, label: t(`agreements.side.${p}`) }))}
              value={c.party}
              onChange={(p) => setContact(i, { party: (p ?? 'counterpart') as Contact['party'] })}
              allowDeselect={false}
            />
            <TextInput
              label={t('agreements.contacts.role')}
              value={c.role}
              onChange={(e) => setContact(i, { role: e.currentTarget.value })}
              error={err(`contacts.${i}.role`)}
            />
          </Group>
          <Group grow wrap="wrap">
            <TextInput
              label={t('agreements.contacts.name')}
              value={c.name}
              onChange={(e) => setContact(i, { name: e.currentTarget.value })}
              error={err(`contacts.${i}.name`)}
            />
            <TextInput
              label={t('agreements.contacts.email')}
              value={c.email ?? ''}
              onChange={(e) => setContact(i, { email: e.currentTarget.value })}
              error={err(`contacts.${i}.email`)}
            />
          </Group>
          <Group justify="flex-end">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('agreements.contacts.remove')}
              onClick={() => setContacts(contacts.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        </Stack>
      ))}
      <Button variant="default" size="xs" onClick={() => setContacts([...contacts, blank()])} data-testid="agreement-contact-add">
        {t('agreements.contacts.add')}
      </Button>
    </FormModal>
  );
}
