import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { ActivityPeople, type PickedHandler, type PickedProcessor } from './ActivityPeople';
import {
  reviewActivity,
  saveActivity,
  useActivity,
  useAssetOptions,
  usePrivacyCatalog,
  usePrivacyMutation,
  type Activity,
} from './api';

interface Values {
  unitId: string | null;
  service: string;
  purpose: string;
  subjectKinds: string[];
  subjectCount: number | string;
  subjectCountries: string[];
  categories: string[];
  specialCareBasis: string;
  source: string;
  storageAssetIds: string[];
  retention: string;
  deletion: string;
  transfers: { country: string; recipient: string; basis: string }[];
  handlers: PickedHandler[];
  processors: PickedProcessor[];
}

const valuesOf = (a: Activity | undefined): Values => ({
  unitId: a?.unitId ?? null,
  service: a?.service ?? '',
  purpose: a?.purpose ?? '',
  subjectKinds: a?.subjectKinds ?? [],
  subjectCount: a?.subjectCount ?? '',
  subjectCountries: a?.subjectCountries ?? ['JP'],
  categories: a?.categories ?? [],
  specialCareBasis: a?.specialCareBasis ?? '',
  source: a?.source ?? '',
  storageAssetIds: a?.storage.map((s) => s.id) ?? [],
  retention: a?.retention ?? '',
  deletion: a?.deletion ?? '',
  transfers: a?.transfers ?? [],
  handlers: a?.handlers.map((h) => ({ id: h.id, name: h.name })) ?? [],
  processors: a?.processors.map((p) => ({ id: p.id, name: p.name })) ?? [],
});

/** One register entry: read, edit (privacy managers), and the yearly review sign-off (the unit's head). */
export function ActivityPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { id: param } = useParams({ strict: false }) as { id: string };
  const id = param === 'new' ? null : param;
  const navigate = useNavigate();
  const activity = useActivity(id);
  const catalog = usePrivacyCatalog();
  const form = useForm<Values>({ initialValues: valuesOf(undefined) });
  const assets = useAssetOptions(form.values.unitId);
  const save = usePrivacyMutation(saveActivity);
  const review = usePrivacyMutation(reviewActivity);
  const [note, setNote] = useState('');
  const a = activity.data;
  useEffect(() => {
    if (a) form.setValues(valuesOf(a));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [a?.rowVersion]);
  const editable = id === null || !!a?.can.manage;
  const opt = (list: { id: string; ja: string; en: string }[] | undefined) =>
    (list ?? []).map((x) => ({ value: x.id, label: x[lang] }));
  const submit = form.onSubmit(({ handlers, processors, ...v }) =>
    save.mutate(
      {
        id,
        version: a?.rowVersion,
        body: {
          ...v,
          subjectCount: v.subjectCount === '' ? null : Number(v.subjectCount),
          handlerPersonIds: handlers.map((h) => h.id),
          processorPartnerIds: processors.map((p) => p.id),
        },
      },
      {
        onSuccess: (saved) => {
          if (!id) void navigate({ to: `/privacy/register/${saved.id}` });
        },
        onError: (e) => applyProblem(form, e),
      },
    ),
  );
  return (
    <Stack>
      <Title order={2}>{id ? (a?.service ?? '') : t('privacy.register.new')}</Title>
      <ProblemAlert error={activity.error} />
      {a && (
        <Group gap="xs">
          {a.laws.map((l) => (
            <Badge key={l} data-testid="activity-law">
              {catalog.data?.laws.find((x) => x.id === l)?.[lang] ?? l}
            </Badge>
          ))}
          <Text size="sm" c="dimmed">
            {t('privacy.fields.reviewDueOn')}: {a.reviewDueOn}
          </Text>
        </Group>
      )}
      <form onSubmit={submit} data-testid="activity-form">
        <Stack>
          <OrgUnitSelect
            label={t('privacy.fields.unit')}
            required
            value={form.values.unitId}
            onChange={(v) => form.setFieldValue('unitId', v)}
            error={form.errors.unitId as string}
            testId="activity-unit"
          />
          <TextInput
            label={t('privacy.fields.service')}
            required
            disabled={!editable}
            data-testid="activity-service"
            {...form.getInputProps('service')}
          />
          <Textarea
            label={t('privacy.fields.purpose')}
            required
            autosize
            minRows={2}
            disabled={!editable}
            data-testid="activity-purpose"
            {...form.getInputProps('purpose')}
          />
          <MultiSelect
            label={t('privacy.fields.subjectKinds')}
            data={opt(catalog.data?.subjectKinds)}
            disabled={!editable}
            {...form.getInputProps('subjectKinds')}
          />
          <NumberInput
            label={t('privacy.fields.subjectCount')}
            min={0}
            disabled={!editable}
            {...form.getInputProps('subjectCount')}
          />
          <TagsInput
            label={t('privacy.fields.subjectCountries')}
            description={t('privacy.fields.countryHelp')}
            disabled={!editable}
            data-testid="activity-countries"
            {...form.getInputProps('subjectCountries')}
          />
          <MultiSelect
            label={t('privacy.fields.categories')}
            data={opt(catalog.data?.categories)}
            disabled={!editable}
            data-testid="activity-categories"
            {...form.getInputProps('categories')}
          />
          <Textarea
            label={t('privacy.fields.specialCareBasis')}
            description={t('privacy.fields.specialCareHelp')}
            autosize
            disabled={!editable}
            {...form.getInputProps('specialCareBasis')}
          />
          <TextInput label={t('privacy.fields.source')} disabled={!editable} {...form.getInputProps('source')} />
          <MultiSelect
            label={t('privacy.fields.storage')}
            data={(assets.data ?? [])
              .map((x) => ({ value: x.id, label: x.name }))
              .concat(
                (a?.storage ?? [])
                  .filter((s) => !assets.data?.some((x) => x.id === s.id))
                  .map((s) => ({ value: s.id, label: s.name })),
              )}
            disabled={!editable}
            {...form.getInputProps('storageAssetIds')}
          />
          <TextInput label={t('privacy.fields.retention')} disabled={!editable} {...form.getInputProps('retention')} />
          <TextInput label={t('privacy.fields.deletion')} disabled={!editable} {...form.getInputProps('deletion')} />
          <Card withBorder>
            <Stack gap="xs">
              <Text fw={600}>{t('privacy.fields.transfers')}</Text>
              {form.values.transfers.map((_, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <TextInput
                    label={t('privacy.fields.country')}
                    w={90}
                    maxLength={2}
                    disabled={!editable}
                    data-testid={`transfer-country-${i}`}
                    {...form.getInputProps(`transfers.${i}.country`)}
                  />
                  <TextInput
                    label={t('privacy.fields.recipient')}
                    disabled={!editable}
                    data-testid={`transfer-recipient-${i}`}
                    {...form.getInputProps(`transfers.${i}.recipient`)}
                  />
                  <Select
                    label={t('privacy.fields.basis')}
                    data={opt(catalog.data?.transferBases)}
                    disabled={!editable}
                    data-testid={`transfer-basis-${i}`}
                    {...form.getInputProps(`transfers.${i}.basis`)}
                    onChange={(v) => form.setFieldValue(`transfers.${i}.basis`, v ?? '')}
                  />
                  {editable && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('privacy.register.removeTransfer')}
                      onClick={() => form.removeListItem('transfers', i)}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {editable && (
                <Button
                  variant="default"
                  size="xs"
                  w="fit-content"
                  data-testid="transfer-add"
                  onClick={() => form.insertListItem('transfers', { country: '', recipient: '', basis: '' })}
                >
                  {t('privacy.register.addTransfer')}
                </Button>
              )}
            </Stack>
          </Card>
          <Card withBorder>
            <ActivityPeople
              handlers={form.values.handlers}
              processors={form.values.processors}
              onHandlers={(h) => form.setFieldValue('handlers', h)}
              onProcessors={(p) => form.setFieldValue('processors', p)}
              disabled={!editable}
              errors={{
                handlers: form.errors.handlerPersonIds as string | undefined,
                processors: form.errors.processorPartnerIds as string | undefined,
              }}
            />
          </Card>
          {editable && (
            <Button type="submit" loading={save.isPending} w="fit-content" data-testid="activity-save">
              {t('privacy.register.save')}
            </Button>
          )}
          <ProblemAlert error={save.error} />
        </Stack>
      </form>
      {a && (
        <>
          <Card withBorder>
            <Text fw={600}>{t('privacy.fields.handlers')}</Text>
            <List>
              {a.handlers.map((h) => (
                <List.Item key={h.id}>
                  {h.name} —{' '}
                  {h.trained === null
                    ? t('privacy.register.trainingUnknown')
                    : h.trained
                      ? t('privacy.register.trained')
                      : t('privacy.register.untrained')}
                </List.Item>
              ))}
            </List>
            <Text fw={600} mt="sm">
              {t('privacy.fields.processors')}
            </Text>
            <List>
              {a.processors.map((p) => (
                <List.Item key={p.id}>
                  {p.name[lang]} — {t('privacy.register.score')}: {p.latestScore ?? '—'} / NDA:{' '}
                  {p.ndaInForce ? t('privacy.register.ndaYes') : t('privacy.register.ndaNo')}
                </List.Item>
              ))}
            </List>
          </Card>
          <Card withBorder>
            <Text fw={600}>{t('privacy.register.reviews')}</Text>
            <List>
              {a.reviews.map((r) => (
                <List.Item key={r.at}>
                  {r.at.slice(0, 10)} {r.by}: {r.note}
                </List.Item>
              ))}
            </List>
            {a.can.review && (
              <Group align="flex-end" mt="sm">
                <TextInput
                  label={t('privacy.register.reviewNote')}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                />
                <Button
                  loading={review.isPending}
                  data-testid="activity-review"
                  onClick={() => review.mutate({ id: a.id, note, version: a.rowVersion })}
                >
                  {t('privacy.register.signOff')}
                </Button>
              </Group>
            )}
            <ProblemAlert error={review.error} />
          </Card>
        </>
      )}
      {!editable && a && <Alert color="gray">{t('privacy.register.readOnly')}</Alert>}
    </Stack>
  );
}
