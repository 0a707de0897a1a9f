import type { ReportDefinition } from '@mamori/contracts';
import { ActionIcon, Alert, Anchor, Button, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useSaveTemplate, useTemplate, type ReportTemplate } from './api';

type Section = ReportDefinition['sections'][number];

/**
 * Editing a copied report template (reports:manage): its name, and each section switched on or off, moved up or down
 * and retitled in Japanese and English. Saved with If-Match (someone else's change meanwhile: 412, said so); every
 * field the server refuses is shown at its field. Narratives and blocks stay as they are (API: PUT
 * /api/report-templates/{id}). Built-in templates are read-only: the page says to copy one first.
 */
export function TemplateEditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { id } = useParams({ strict: false }) as { id: string };
  const canManage = useCan('reports:manage');
  const tpl = useTemplate(id);
  const back = (
    <Anchor component={Link} to="/reports" size="sm">
      {t('reportsUi.templateEdit.back')}
    </Anchor>
  );
  if (tpl.error)
    return (
      <Stack>
        {back}
        <ProblemAlert error={tpl.error} />
      </Stack>
    );
  if (!tpl.data) return null;
  if (tpl.data.builtIn || !canManage)
    return (
      <Stack>
        {back}
        <Title order={2}>{tpl.data.name[lang]}</Title>
        <Alert color="blue">{t('reportsUi.templateEdit.readOnly')}</Alert>
      </Stack>
    );
  // a new editor for each saved version: the draft starts from what the server holds now
  return <TemplateEditor key={`${tpl.data.id}:${tpl.data.rowVersion}`} template={tpl.data} back={back} />;
}

function TemplateEditor({ template, back }: { template: ReportTemplate; back: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const save = useSaveTemplate();
  const [draft, setDraft] = useState<ReportTemplate>(() => structuredClone(template));

  const sections = draft.definition.sections;
  const setSections = (next: Section[]) => setDraft({ ...draft, definition: { ...draft.definition, sections: next } });
  const setSection = (i: number, patch: Partial<Section>) =>
    setSections(sections.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...sections];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setSections(next);
  };
  const err = (path: string) => fieldError(save.error, path);

  return (
    <Stack
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(draft, { onSuccess: () => notifySuccess(t('reportsUi.templateEdit.saved')) });
      }}
    >
      {back}
      <Title order={2}>{t('reportsUi.templateEdit.title', { name: template.name[lang] })}</Title>
      <Text>{t('reportsUi.templateEdit.intro')}</Text>
      <Group grow wrap="wrap" align="flex-start">
        <TextInput
          label={t('reportsUi.templateEdit.nameJa')}
          value={draft.name.ja}
          onChange={(e) => setDraft({ ...draft, name: { ...draft.name, ja: e.currentTarget.value } })}
          error={err('name.ja')}
          miw={200}
        />
        <TextInput
          label={t('reportsUi.templateEdit.nameEn')}
          value={draft.name.en}
          onChange={(e) => setDraft({ ...draft, name: { ...draft.name, en: e.currentTarget.value } })}
          error={err('name.en')}
          miw={200}
        />
      </Group>
      <Title order={3} size="h4">
        {t('reportsUi.templateEdit.sections')}
      </Title>
      {err('definition.sections') && (
        <Text c="red" size="sm" role="alert">
          {err('definition.sections')}
        </Text>
      )}
      {sections.map((s, i) => {
        const headingId = `section-${i}`;
        return (
          <Paper
            key={i}
            withBorder
            p="sm"
            component="section"
            aria-labelledby={headingId}
            data-testid={`template-section-${i}`}
            opacity={s.hidden ? 0.75 : 1}
          >
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={600} id={headingId} style={{ overflowWrap: 'anywhere' }}>
                  {i + 1}. {s.title[lang]}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="default"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t('reportsUi.templateEdit.moveUp', { title: s.title[lang] })}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    disabled={i === sections.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t('reportsUi.templateEdit.moveDown', { title: s.title[lang] })}
                  >
                    ↓
                  </ActionIcon>
                </Group>
              </Group>
              <Switch
                label={t('reportsUi.templateEdit.include')}
                checked={!s.hidden}
                onChange={(e) => setSection(i, { hidden: !e.currentTarget.checked })}
                data-testid={`template-section-on-${i}`}
              />
              <TextInput
                label={t('reportsUi.templateEdit.titleJa')}
                value={s.title.ja}
                onChange={(e) => setSection(i, { title: { ...s.title, ja: e.currentTarget.value } })}
                error={err(`definition.sections.${i}.title.ja`)}
              />
              <TextInput
                label={t('reportsUi.templateEdit.titleEn')}
                value={s.title.en}
                onChange={(e) => setSection(i, { title: { ...s.title, en: e.currentTarget.value } })}
                error={err(`definition.sections.${i}.title.en`)}
              />
              {[`definition.sections.${i}.narrative.ja`, `definition.sections.${i}.narrative.en`].map(
                (p) =>
                  err(p) && (
                    <Text key={p} c="red" size="sm" role="alert">
                      {err(p)}
                    </Text>
                  ),
              )}
            </Stack>
          </Paper>
        );
      })}
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Group>
        <Button type="submit" loading={save.isPending} data-testid="template-save">
          {t('reportsUi.templateEdit.save')}
        </Button>
      </Group>
    </Stack>
  );
}
