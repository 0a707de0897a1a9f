import { ActionIcon, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useOrgUnit } from '../org/api';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { type Contact, patch, post, type PartnerDetail, usePartnerMutation } from './api';

const SHARES = ['papers', 'digitized', 'embodiments', 'knowHow', 'strictlyConfidential'] as const;
const ROLES = ['security', 'business', 'incident'] as const;

/** The unit's name once loaded (a unit just picked carries only its id). */
function UnitName({ id, fallback }: { id: string; fallback: string }) {
  const localName = useLocalName();
  const unit = useOrgUnit(id);
  return <>{unit.data ? localName(unit.data) : fallback}</>;
}

interface Values {
  nameJa: string;
  nameEn: string;
  corporateNumber: string;
  country: string;
  status: 'active' | 'ended';
  shares: Record<(typeof SHARES)[number], boolean>;
  sharedInformation: string;
  usesSubcontractors: boolean;
  incidentReportHours: number;
  contacts: Contact[];
}

/** Create a partner, or edit one (PATCH with every field). The tier follows from what is shared. */
export function PartnerFormModal({ partner, onClose }: { partner?: PartnerDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const localName = useLocalName();
  const [units, setUnits] = useState(partner?.orgUnits ?? []);
  const form = useForm<Values>({
    initialValues: {
      nameJa: partner?.nameJa ?? '',
      nameEn: partner?.nameEn ?? '',
      corporateNumber: partner?.corporateNumber ?? '',
      country: partner?.country ?? 'JP',
      status: partner?.status ?? 'active',
      shares: partner?.shares ?? {
        papers: false,
        digitized: false,
        embodiments: false,
        knowHow: false,
        strictlyConfidential: false,
      },
      sharedInformation: partner?.sharedInformation ?? '',
      usesSubcontractors: partner?.usesSubcontractors ?? false,
      incidentReportHours: partner?.incidentReportHours ?? 24,
      contacts: partner?.contacts ?? [],
    },
  });
  const save = usePartnerMutation((v: Values) => {
    const body = {
      ...v,
      corporateNumber: v.corporateNumber.trim() || null,
      orgUnitIds: units.map((u) => u.id),
      contacts: v.contacts.map((c) => ({ ...c, email: c.email || null, phone: c.phone || null })),
    };
    if (partner) return patch<PartnerDetail>(`/partners/${partner.id}`, body, partner.rowVersion);
    const { status: _status, ...create } = body;
    return post<PartnerDetail>('/partners', create);
  });
  const submit = form.onSubmit((v) =>
    save.mutate(v, {
      onSuccess: (p) => {
        notifySuccess(t('common.saved'));
        onClose();
        if (!partner) void navigate({ to: '/partners/$id', params: { id: p.id } });
      },
      onError: (e) => applyProblem(form, e),
    }),
  );

  return (
    <Modal opened onClose={onClose} size="lg" title={partner ? t('partners.form.edit') : t('partners.list.create')}>
      <form onSubmit={submit} data-testid="partner-form">
        <Stack>
          <Group grow>
            <TextInput
              label={t('partners.fields.nameJa')}
              required
              {...form.getInputProps('nameJa')}
              data-testid="partner-name-ja"
            />
            <TextInput
              label={t('partners.fields.nameEn')}
              required
              {...form.getInputProps('nameEn')}
              data-testid="partner-name-en"
            />
          </Group>
          <Group grow>
            <TextInput label={t('partners.fields.corporateNumber')} {...form.getInputProps('corporateNumber')} />
            <TextInput label={t('partners.fields.country')} required maxLength={2} {...form.getInputProps('country')} />
            {partner && (
              <Select
                label={t('partners.fields.status')}
                data={['active', 'ended'].map((s) => ({ value: s, label: t(`partners.partnerStatus.${s}`) }))}
                {...form.getInputProps('status')}
              />
            )}
          </Group>
          <Text size="sm" fw={500}>
            {t('partners.fields.shares')}
          </Text>
          <Group>
            {SHARES.map((s) => (
              <Checkbox
                key={s}
                label={t(`partners.shares.${s}`)}
                {...form.getInputProps(`shares.${s}`, { type: 'checkbox' })}
                data-testid={`partner-share-${s}`}
              />
            ))}
          </Group>
          <Textarea label={t('partners.fields.sharedInformation')} autosize {...form.getInputProps('sharedInformation')} />
          <Group grow>
            <Checkbox
              label={t('partners.fields.usesSubcontractors')}
              {...form.getInputProps('usesSubcontractors', { type: 'checkbox' })}
            />
            <NumberInput
              label={t('partners.fields.incidentReportHours')}
              min={1}
              max={720}
              {...form.getInputProps('incidentReportHours')}
            />
          </Group>
          <Text size="sm" fw={500}>
            {t('partners.fields.orgUnits')}
          </Text>
          <Group>
            {units.map((u) => (
              <Button key={u.id} size="xs" variant="light" onClick={() => setUnits(units.filter((x) => x.id !== u.id))}>
                <UnitName id={u.id} fallback={localName(u)} /> ×
              </Button>
            ))}
          </Group>
          <OrgUnitSelect
            label={t('partners.form.addOrgUnit')}
            value={null}
            onChange={(id) => id && !units.some((u) => u.id === id) && setUnits([...units, { id, nameJa: id, nameEn: id }])}
          />
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {t('partners.fields.contacts')}
            </Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => form.insertListItem('contacts', { name: '', email: '', phone: '', role: 'security' })}
            >
              {t('partners.form.addContact')}
            </Button>
          </Group>
          {form.values.contacts.map((_, i) => (
            <Group key={i} grow align="flex-end">
              <TextInput label={t('partners.fields.contactName')} required {...form.getInputProps(`contacts.${i}.name`)} />
              <TextInput label={t('fields.email')} {...form.getInputProps(`contacts.${i}.email`)} />
              <TextInput label={t('partners.fields.phone')} {...form.getInputProps(`contacts.${i}.phone`)} />
              <Select
                label={t('partners.fields.contactRole')}
                data={ROLES.map((r) => ({ value: r, label: t(`partners.contactRole.${r}`) }))}
                {...form.getInputProps(`contacts.${i}.role`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => form.removeListItem('contacts', i)}
                aria-label={t('common.delete')}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="partner-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
