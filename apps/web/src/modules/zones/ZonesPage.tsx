import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  NumberInput,
  MultiSelect,
} from '@mantine/core';
import { ENTRY_METHODS, ZONE_KINDS } from '@mamori/contracts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useCloseFinding, useFindings, useZoneMutation, useZoneSites, type Zone, type ZoneSite } from './api';
import { KIND_COLOR, PersonPicker } from './parts';

/** A zone and its inner zones, indented. */
function ZoneTree({ zones, parent, depth }: { zones: Zone[]; parent: string | null; depth: number }) {
  const { t } = useTranslation();
  const name = useLocalName();
  return (
    <>
      {zones
        .filter((z) => z.parentId === parent)
        .map((z) => (
          <Stack key={z.id} gap={4} pl={depth * 20}>
            <Group gap="xs" wrap="wrap" data-testid="zone-row">
              <Badge color={KIND_COLOR[z.kind]} variant="light">
                {t(`zonePages.kind.${z.kind}`)}
              </Badge>
              <Anchor component={Link} to={`/zones/${z.id}`} data-testid="zone-link">
                {name(z)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('zonePages.limitShort', { class: z.maxClassCode })} ·{' '}
                {z.entryAll ? t('zonePages.entry.all') : t('zonePages.entry.named')} ·{' '}
                {z.entryMethods.map((m) => t(`zonePages.method.${m}`)).join(' / ')} ·{' '}
                {t('zonePages.assetsShort', { count: z.assetCount })}
              </Text>
            </Group>
            <ZoneTree zones={zones} parent={z.id} depth={depth + 1} />
          </Stack>
        ))}
    </>
  );
}

function NewZone({ site }: { site: ZoneSite }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const save = useZoneMutation();
  const [f, setF] = useState({
    kind: 'office',
    code: '',
    nameJa: '',
    nameEn: '',
    maxClassCode: 'internal',
    parentId: null as string | null,
    ownerPersonId: null as string | null,
    entryAll: true,
    entryMethods: ['id_card'] as string[],
    cameras: true,
    retentionDays: 90,
  });
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const submit = () =>
    save.mutate(
      { body: { ...f, siteId: site.id, entryRoles: [], entryPersonIds: [], ownerUnitId: null } },
      { onSuccess: () => notifySuccess(t('zonePages.saved')) },
    );
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Title order={5}>{t('zonePages.new')}</Title>
        <Group grow wrap="wrap">
          <Select
            label={t('zonePages.field.kind')}
            data={ZONE_KINDS.map((k) => ({ value: k, label: t(`zonePages.kind.${k}`) }))}
            value={f.kind}
            onChange={(v) => set({ kind: v ?? 'office' })}
            error={fieldError(save.error, 'kind')}
          />
          <Select
            label={t('zonePages.field.parent')}
            clearable
            data={site.zones.map((z) => ({ value: z.id, label: name(z) }))}
            value={f.parentId}
            onChange={(v) => set({ parentId: v })}
            error={fieldError(save.error, 'parentId')}
          />
        </Group>
        <Group grow wrap="wrap">
          <TextInput
            label={t('zonePages.field.code')}
            value={f.code}
            onChange={(e) => set({ code: e.currentTarget.value })}
            error={fieldError(save.error, 'code')}
            data-testid="zone-code"
          />
          <TextInput
            label={t('zonePages.field.nameJa')}
            value={f.nameJa}
            onChange={(e) => set({ nameJa: e.currentTarget.value })}
            error={fieldError(save.error, 'nameJa')}
          />
          <TextInput
            label={t('zonePages.field.nameEn')}
            value={f.nameEn}
            onChange={(e) => set({ nameEn: e.currentTarget.value })}
            error={fieldError(save.error, 'nameEn')}
          />
        </Group>
        <Group grow wrap="wrap">
          <TextInput
            label={t('zonePages.field.maxClass')}
            value={f.maxClassCode}
            onChange={(e) => set({ maxClassCode: e.currentTarget.value })}
            error={fieldError(save.error, 'maxClassCode')}
          />
          <PersonPicker
            label={t('zonePages.field.owner')}
            value={f.ownerPersonId}
            onChange={(v) => set({ ownerPersonId: v })}
            error={fieldError(save.error, 'ownerPersonId')}
          />
        </Group>
        <Group grow wrap="wrap">
          <MultiSelect
            label={t('zonePages.field.methods')}
            data={ENTRY_METHODS.map((m) => ({ value: m, label: t(`zonePages.method.${m}`) }))}
            value={f.entryMethods}
            onChange={(v) => set({ entryMethods: v })}
          />
          <NumberInput
            label={t('zonePages.field.retention')}
            value={f.retentionDays}
            min={1}
            max={3650}
            onChange={(v) => set({ retentionDays: Number(v) || 1 })}
          />
        </Group>
        <Group>
          <Switch
            label={t('zonePages.entry.all')}
            checked={f.entryAll}
            onChange={(e) => set({ entryAll: e.currentTarget.checked })}
          />
          <Switch
            label={t('zonePages.field.cameras')}
            checked={f.cameras}
            onChange={(e) => set({ cameras: e.currentTarget.checked })}
          />
        </Group>
        <ProblemAlert error={save.error} />
        <Button onClick={submit} loading={save.isPending} disabled={!f.ownerPersonId}>
          {t('zonePages.create')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Findings() {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const list = useFindings();
  const close = useCloseFinding();
  if (!list.data?.length) return null;
  return (
    <Paper withBorder p="sm" data-testid="zone-findings">
      <Title order={4}>{t('zonePages.findings.title')}</Title>
      <Stack gap={6} mt="xs">
        {list.data.map((f) => (
          <Group key={f.id} justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">
              {name({ nameJa: f.zoneNameJa, nameEn: f.zoneNameEn })}: {f.who} — {t(`zonePages.findings.${f.reason}`)} (
              {new Date(f.enteredAt).toLocaleString(i18n.language)})
            </Text>
            <Button size="xs" variant="light" onClick={() => close.mutate(f.id)} loading={close.isPending}>
              {t('zonePages.findings.close')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** Each site in reach with its zone tree and rules; open findings of the daily check for their owners and offices. */
export function ZonesPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const sites = useZoneSites();
  const [adding, setAdding] = useState<string | null>(null);
  if (sites.isLoading) return <Loader />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('zonePages.title')}</Title>
        <Button component={Link} to="/bring-ins" variant="light">
          {t('zonePages.bringInsLink')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        {t('zonePages.intro')}
      </Text>
      <ProblemAlert error={sites.error} />
      <Findings />
      {sites.data?.map((s) => (
        <Paper key={s.id} withBorder p="sm" data-testid="zone-site">
          <Group justify="space-between">
            <Title order={4}>{name(s)}</Title>
            {s.zones.every((z) => z.can.manage) && (
              <Button size="xs" variant="subtle" onClick={() => setAdding(adding === s.id ? null : s.id)}>
                {t('zonePages.new')}
              </Button>
            )}
          </Group>
          <Stack gap={6} mt="xs">
            <ZoneTree zones={s.zones} parent={null} depth={0} />
            {!s.zones.length && <Text c="dimmed">{t('zonePages.none')}</Text>}
            {adding === s.id && <NewZone site={s} />}
          </Stack>
        </Paper>
      ))}
      {sites.data?.length === 0 && <Text c="dimmed">{t('zonePages.none')}</Text>}
    </Stack>
  );
}
