import { Badge, Button, Card, Group, MultiSelect, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { CURRICULUM_EVENTS, CURRICULUM_ROLES, CURRICULUM_RULES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { createCurriculum, runCurriculum, useCourses, useCurricula, useTrainingMutation } from './api';

/** Curricula: which courses a rule assigns (everyone, a role, an event, personal-data handlers), and assigning now. */
export function CurriculaPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useCurricula();
  const courses = useCourses();
  const run = useTrainingMutation(runCurriculum);
  const create = useTrainingMutation(createCurriculum);
  const [form, setForm] = useState({
    nameJa: '',
    nameEn: '',
    rule: 'everyone',
    role: null as string | null,
    event: null as string | null,
    courseIds: [] as string[],
    dueDays: 30,
  });
  return (
    <Stack>
      <Title order={2}>{t('curricula.title')}</Title>
      <Text c="dimmed">{t('curricula.intro')}</Text>
      <ProblemAlert error={list.error ?? run.error} />
      {(list.data ?? []).map((c) => (
        <Card key={c.id} withBorder data-testid="curriculum">
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{lang === 'ja' ? c.nameJa : c.nameEn}</Text>
            <Badge>
              {t(`curricula.rules.${c.rule}`)}
              {c.role ? ` · ${t(`enum.role.${c.role}`)}` : ''}
              {c.event ? ` · ${t(`curricula.events.${c.event}`)}` : ''}
            </Badge>
          </Group>
          <Text size="sm">{c.courses.map((x) => (lang === 'ja' ? x.titleJa : x.titleEn)).join('、 ')}</Text>
          <Group justify="space-between" mt="xs" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('curricula.assigned', { n: c.assigned, days: c.dueDays })}
            </Text>
            {c.rule !== 'personal_data' && (
              <Button
                size="xs"
                variant="light"
                onClick={() => run.mutate(c.id, { onSuccess: (r) => notifySuccess(t('curricula.ran', { n: r.assigned })) })}
              >
                {t('curricula.run')}
              </Button>
            )}
          </Group>
        </Card>
      ))}
      <Card withBorder maw={760}>
        <Title order={3}>{t('curricula.new')}</Title>
        <Stack>
          <TextInput
            label={t('curricula.nameJa')}
            value={form.nameJa}
            onChange={(e) => setForm({ ...form, nameJa: e.currentTarget.value })}
            error={fieldError(create.error, 'nameJa')}
          />
          <TextInput
            label={t('curricula.nameEn')}
            value={form.nameEn}
            onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
            error={fieldError(create.error, 'nameEn')}
          />
          <Select
            label={t('curricula.rule')}
            value={form.rule}
            allowDeselect={false}
            onChange={(v) => setForm({ ...form, rule: v ?? 'everyone' })}
            data={CURRICULUM_RULES.map((r) => ({ value: r, label: t(`curricula.rules.${r}`) }))}
          />
          {(form.rule === 'role' || form.rule === 'event') && (
            <Select
              label={t('curricula.role')}
              value={form.role}
              clearable
              onChange={(v) => setForm({ ...form, role: v })}
              data={CURRICULUM_ROLES.map((r) => ({ value: r, label: t(`enum.role.${r}`) }))}
              error={fieldError(create.error, 'role')}
            />
          )}
          {form.rule === 'event' && (
            <Select
              label={t('curricula.event')}
              value={form.event}
              onChange={(v) => setForm({ ...form, event: v })}
              data={CURRICULUM_EVENTS.map((e) => ({ value: e, label: t(`curricula.events.${e}`) }))}
              error={fieldError(create.error, 'event')}
            />
          )}
          <MultiSelect
            label={t('curricula.courses')}
            value={form.courseIds}
            onChange={(v) => setForm({ ...form, courseIds: v })}
            data={(courses.data ?? [])
              .filter((c) => c.publishedVersion)
              .map((c) => ({ value: c.id, label: lang === 'ja' ? c.titleJa : c.titleEn }))}
            error={fieldError(create.error, 'courseIds')}
          />
          <NumberInput
            label={t('curricula.dueDays')}
            value={form.dueDays}
            min={1}
            max={365}
            onChange={(v) => setForm({ ...form, dueDays: typeof v === 'number' ? v : 30 })}
          />
          <ProblemAlert error={create.error} listErrors={false} />
          <Button
            onClick={() =>
              create.mutate(
                { ...form, rule: form.rule as never, role: form.role as never, event: form.event as never },
                { onSuccess: () => notifySuccess(t('curricula.created')) },
              )
            }
            loading={create.isPending}
          >
            {t('curricula.create')}
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}
