import { Alert, Button, Checkbox, Group, Paper, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { APPROVERS, TAKE_OUT_MEDIA, type TakeOutMedium, todayJst } from '@mamori/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, ProblemAlert } from '../../components/problem';
import { usePickableAssets, useRequestTakeOut, type TakeOutAsset } from './api';
import { ClassBadge } from './badges';
import { DateField } from '../../components/dates/DateField';

/** What the class rules of the chosen assets will ask, shown before the request is sent. */
function RuleSummary({ chosen }: { chosen: TakeOutAsset[] }) {
  const { t, i18n } = useTranslation();
  if (!chosen.length) return null;
  const forbidden = chosen.filter((a) => a.rule.decision === 'forbidden');
  const name = (a: TakeOutAsset) => (i18n.language === 'ja' ? a.className.ja : a.className.en);
  if (forbidden.length)
    return (
      <Alert color="red" data-testid="take-out-rule">
        <Text c="red.9">{t('takeOuts.rule.forbidden', { asset: forbidden[0]!.name, class: name(forbidden[0]!) })}</Text>
      </Alert>
    );
  const chain = APPROVERS.filter((a) => chosen.some((c) => c.rule.decision === 'approval' && c.rule.approvers.includes(a)));
  const conditions = [...new Set(chosen.flatMap((c) => c.rule.conditions))];
  const notes = [...new Set(chosen.map((c) => (i18n.language === 'ja' ? c.rule.noteJa : c.rule.noteEn)).filter(Boolean))];
  return (
    <Alert color="blue" data-testid="take-out-rule">
      <Text>
        {chain.length
          ? t('takeOuts.rule.chain', { chain: chain.map((a) => t(`takeOuts.approver.${a}`)).join(' → ') })
          : t('takeOuts.rule.allowed')}
      </Text>
      {conditions.map((c) => (
        <Text key={c}>{t(`takeOuts.rule.condition.${c}`)}</Text>
      ))}
      {notes.map((n) => (
        <Text key={n} size="sm" c="dimmed">
          {n}
        </Text>
      ))}
    </Alert>
  );
}

/** A take-out request: pick assets of one's own units, say why, where, when and how they are protected. */
export function NewTakeOutPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const assets = usePickableAssets(q);
  const [chosen, setChosen] = useState<Map<string, { asset: TakeOutAsset; copy: boolean }>>(new Map());
  const [purpose, setPurpose] = useState('');
  const [destination, setDestination] = useState('');
  const [periodFrom, setFrom] = useState(todayJst());
  const [periodTo, setTo] = useState(todayJst());
  const [medium, setMedium] = useState<TakeOutMedium>('laptop');
  const [encrypted, setEncrypted] = useState(true);
  const [encryptionMethod, setMethod] = useState('');
  const [ndaConfirmed, setNda] = useState(false);
  const request = useRequestTakeOut();
  const err = (f: string) => fieldError(request.error, f);
  const list = [...chosen.values()];
  const needsNda = list.some((c) => c.asset.rule.conditions.includes('nda'));

  const toggle = (a: TakeOutAsset, on: boolean) =>
    setChosen((m) => {
      const next = new Map(m);
      if (on) next.set(a.id, { asset: a, copy: false });
      else next.delete(a.id);
      return next;
    });
  const submit = () =>
    request.mutate(
      {
        items: list.map((c) => ({ assetId: c.asset.id, copy: c.copy })),
        purpose,
        destination,
        periodFrom,
        periodTo,
        medium,
        encrypted,
        encryptionMethod,
        ndaConfirmed,
      },
      { onSuccess: (r) => void navigate({ to: '/take-outs/$id', params: { id: r.id } }) },
    );

  return (
    <Stack maw={760}>
      <Title order={2}>{t('takeOuts.new.title')}</Title>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <TextInput
            label={t('takeOuts.new.searchAssets')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="take-out-asset-search"
          />
          {assets.data?.length === 0 && <Text c="dimmed">{t('takeOuts.new.noAssets')}</Text>}
          {assets.data?.map((a) => (
            <Group key={a.id} justify="space-between" wrap="nowrap">
              <Checkbox
                label={a.name}
                description={i18n.language === 'ja' ? a.unit.ja : a.unit.en}
                checked={chosen.has(a.id)}
                onChange={(e) => toggle(a, e.currentTarget.checked)}
                data-testid="take-out-asset"
              />
              <ClassBadge name={i18n.language === 'ja' ? a.className.ja : a.className.en} colour={a.classColour} />
            </Group>
          ))}
          {err('items') && <Text c="red.9">{err('items')}</Text>}
        </Stack>
      </Paper>
      {list.map((c, i) => (
        <Group key={c.asset.id} justify="space-between">
          <Text>{c.asset.name}</Text>
          <Switch
            label={t('takeOuts.field.copy')}
            checked={c.copy}
            onChange={(e) => {
              const copy = e.currentTarget.checked;
              setChosen((m) => new Map(m).set(c.asset.id, { ...c, copy }));
            }}
          />
          {err(`items.${i}.assetId`) && <Text c="red.9">{err(`items.${i}.assetId`)}</Text>}
        </Group>
      ))}
      <RuleSummary chosen={list.map((c) => c.asset)} />
      <Textarea
        label={t('takeOuts.field.purpose')}
        required
        value={purpose}
        onChange={(e) => setPurpose(e.currentTarget.value)}
        error={err('purpose')}
        data-testid="take-out-purpose"
      />
      <TextInput
        label={t('takeOuts.field.destination')}
        required
        value={destination}
        onChange={(e) => setDestination(e.currentTarget.value)}
        error={err('destination')}
        data-testid="take-out-destination"
      />
      <Group grow>
        <DateField
          label={t('takeOuts.field.from')}
          value={periodFrom}
          onChange={(v) => setFrom(v)}
          error={err('periodFrom')}
          data-testid="take-out-from"
        />
        <DateField
          label={t('takeOuts.field.to')}
          value={periodTo}
          onChange={(v) => setTo(v)}
          error={err('periodTo')}
          data-testid="take-out-to"
        />
      </Group>
      <Select
        label={t('takeOuts.field.medium')}
        value={medium}
        onChange={(v) => v && setMedium(v as TakeOutMedium)}
        data={TAKE_OUT_MEDIA.map((m) => ({ value: m, label: t(`takeOuts.medium.${m}`) }))}
        allowDeselect={false}
        data-testid="take-out-medium"
      />
      <Checkbox
        label={t('takeOuts.field.encrypted')}
        checked={encrypted}
        onChange={(e) => setEncrypted(e.currentTarget.checked)}
        error={err('encrypted')}
        data-testid="take-out-encrypted"
      />
      {encrypted && (
        <TextInput
          label={t('takeOuts.field.encryptionMethod')}
          value={encryptionMethod}
          onChange={(e) => setMethod(e.currentTarget.value)}
          error={err('encryptionMethod')}
          data-testid="take-out-method"
        />
      )}
      {needsNda && (
        <Checkbox
          label={t('takeOuts.field.ndaConfirmed')}
          checked={ndaConfirmed}
          onChange={(e) => setNda(e.currentTarget.checked)}
          error={err('ndaConfirmed')}
          data-testid="take-out-nda"
        />
      )}
      <ProblemAlert error={request.error} />
      <Group>
        <Button onClick={submit} loading={request.isPending} disabled={!list.length} data-testid="take-out-submit">
          {t('takeOuts.new.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
