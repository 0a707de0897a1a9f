import { Button, Select, Stack, Textarea, TextInput, Title, Group } from '@mantine/core';
import { BRING_IN_DEVICES, BRINGER_KINDS, todayJst } from '@mamori/contracts';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useRequestBringIn, useZoneSites } from './api';
import { DateField } from '../../components/dates/DateField';

/** Ask to bring a device or media into a zone (2-3-5): who brings what, why, and for which days. */
export function NewBringInPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const navigate = useNavigate();
  const search = useSearch({ from: '/app/bring-ins/new' });
  const sites = useZoneSites();
  const req = useRequestBringIn();
  const [f, setF] = useState({
    zoneId: search.zoneId ?? null,
    bringerKind: 'visitor',
    bringerName: '',
    bringerCompany: '',
    device: 'laptop',
    deviceNote: '',
    purpose: '',
    periodFrom: todayJst(),
    periodTo: todayJst(),
  });
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const zones = (sites.data ?? []).flatMap((s) =>
    s.zones.filter((z) => z.kind !== 'reception').map((z) => ({ value: z.id, label: `${name(s)} / ${name(z)}` })),
  );
  const err = (k: string) => fieldError(req.error, k);
  return (
    <Stack maw={640}>
      <Title order={2}>{t('zonePages.bringIns.new')}</Title>
      <Select
        label={t('zonePages.bringIns.zone')}
        searchable
        data={zones}
        value={f.zoneId}
        onChange={(v) => set({ zoneId: v })}
        error={err('zoneId')}
        data-testid="bring-in-zone"
      />
      <Group grow wrap="wrap">
        <Select
          label={t('zonePages.bringIns.bringerKind')}
          data={BRINGER_KINDS.map((k) => ({ value: k, label: t(`zonePages.bringer.${k}`) }))}
          value={f.bringerKind}
          onChange={(v) => set({ bringerKind: v ?? 'visitor' })}
        />
        <Select
          label={t('zonePages.bringIns.device')}
          data={BRING_IN_DEVICES.map((d) => ({ value: d, label: t(`zonePages.device.${d}`) }))}
          value={f.device}
          onChange={(v) => set({ device: v ?? 'other' })}
          data-testid="bring-in-device"
        />
      </Group>
      <TextInput
        label={t('zonePages.bringIns.bringerName')}
        value={f.bringerName}
        onChange={(e) => set({ bringerName: e.currentTarget.value })}
        error={err('bringerName')}
        data-testid="bring-in-name"
      />
      <TextInput
        label={t('zonePages.bringIns.bringerCompany')}
        value={f.bringerCompany}
        onChange={(e) => set({ bringerCompany: e.currentTarget.value })}
        error={err('bringerCompany')}
      />
      <TextInput
        label={t('zonePages.bringIns.deviceNote')}
        value={f.deviceNote}
        onChange={(e) => set({ deviceNote: e.currentTarget.value })}
        error={err('deviceNote')}
      />
      <Textarea
        label={t('zonePages.bringIns.purpose')}
        value={f.purpose}
        onChange={(e) => set({ purpose: e.currentTarget.value })}
        error={err('purpose')}
        data-testid="bring-in-purpose"
      />
      <Group grow wrap="wrap">
        <DateField
          label={t('zonePages.bringIns.from')}
          value={f.periodFrom}
          onChange={(v) => set({ periodFrom: v })}
          error={err('periodFrom')}
        />
        <DateField
          label={t('zonePages.bringIns.to')}
          value={f.periodTo}
          onChange={(v) => set({ periodTo: v })}
          error={err('periodTo')}
        />
      </Group>
      <ProblemAlert error={req.error} />
      <Button
        loading={req.isPending}
        disabled={!f.zoneId}
        onClick={() => req.mutate(f, { onSuccess: (b) => void navigate({ to: `/bring-ins/${b.id}` }) })}
        data-testid="bring-in-submit"
      >
        {t('zonePages.bringIns.submit')}
      </Button>
    </Stack>
  );
}
