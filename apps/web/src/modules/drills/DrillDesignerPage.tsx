import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { createDrill, previewDrill, useDrillMutation, type DrillDesign, type DrillPreview } from './api';
import { DateTimeField } from '../../components/dates/DateField';

type Mail = { senderName: string; subject: string; body: string };
type Template = { ja: Mail; en: Mail; attachmentName: string | null };
type Target = { unitId: string | null; roleGroup: 'executive' | 'org_head' | 'staff' | null };

/** The mail placeholders, shown as written (not as i18next variables). */
const PLACEHOLDERS = { link: '{{link}}', name: '{{name}}', interpolation: { escapeValue: false } };

const emptyTemplate = (): Template => ({
  ja: { senderName: '', subject: '', body: '{{name}} 様\n\n\n{{link}}\n' },
  en: { senderName: '', subject: '', body: 'Dear {{name}},\n\n\n{{link}}\n' },
  attachmentName: null,
});

/** A local date-time for the input, one day from now at 09:30. */
function tomorrowMorning(): string {
  const d = new Date(Date.now() + 86_400_000);
  d.setHours(9, 30, 0, 0);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function MailFields({
  lang,
  mail,
  onChange,
  errorOf,
}: {
  lang: 'ja' | 'en';
  mail: Mail;
  onChange: (m: Mail) => void;
  errorOf: (f: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text fw={600}>{t(`drillDesigner.lang.${lang}`)}</Text>
      <TextInput
        label={t('drillDesigner.senderName')}
        value={mail.senderName}
        onChange={(e) => onChange({ ...mail, senderName: e.currentTarget.value })}
        error={errorOf('senderName')}
        data-testid={`drill-sender-${lang}`}
      />
      <TextInput
        label={t('drillDesigner.subject')}
        value={mail.subject}
        onChange={(e) => onChange({ ...mail, subject: e.currentTarget.value })}
        error={errorOf('subject')}
        data-testid={`drill-subject-${lang}`}
      />
      <Textarea
        label={t('drillDesigner.body')}
        description={t('drillDesigner.bodyHelp', PLACEHOLDERS)}
        autosize
        minRows={5}
        value={mail.body}
        onChange={(e) => onChange({ ...mail, body: e.currentTarget.value })}
        error={errorOf('body')}
        data-testid={`drill-body-${lang}`}
      />
    </Stack>
  );
}

/** The drill designer: templates in both languages, target groups, the send window, and a preview. */
export function DrillDesignerPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [start, setStart] = useState(tomorrowMorning);
  const [hours, setHours] = useState<number>(4);
  const [reportLink, setReportLink] = useState(true);
  const [templates, setTemplates] = useState<Template[]>([emptyTemplate()]);
  const [targets, setTargets] = useState<Target[]>([{ unitId: null, roleGroup: null }]);
  const [preview, setPreview] = useState<DrillPreview | null>(null);
  const body = (): DrillDesign => ({
    name,
    windowStart: new Date(start).toISOString(),
    windowHours: hours,
    reportLink,
    templates,
    targets,
  });
  const create = useDrillMutation(createDrill);
  const check = useDrillMutation(previewDrill);
  const error = create.error ?? check.error;
  const err = (f: string) => fieldError(error, f);
  const setTemplate = (i: number, tp: Template) => setTemplates(templates.map((x, j) => (i === j ? tp : x)));
  const setTarget = (i: number, tg: Target) => setTargets(targets.map((x, j) => (i === j ? tg : x)));
  const sample = preview ? preview.sample[i18n.language === 'ja' ? 'ja' : 'en'] : null;
  return (
    <Stack>
      <Title order={2}>{t('drillDesigner.title')}</Title>
      <Text c="dimmed">{t('drillDesigner.intro', PLACEHOLDERS)}</Text>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('drillsPage.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={err('body.name')}
            data-testid="drill-name"
          />
          <DateTimeField
            label={t('drillDesigner.start')}
            required
            value={start}
            onChange={(v) => setStart(v)}
            error={err('body.windowStart')}
            data-testid="drill-start"
          />
          <NumberInput
            label={t('drillDesigner.hours')}
            min={1}
            max={72}
            value={hours}
            onChange={(v) => setHours(Number(v) || 1)}
            error={err('body.windowHours')}
            data-testid="drill-hours"
          />
        </SimpleGrid>
        <Checkbox
          mt="sm"
          label={t('drillDesigner.reportLink')}
          checked={reportLink}
          onChange={(e) => setReportLink(e.currentTarget.checked)}
        />
      </Card>
      {templates.map((tp, i) => (
        <Card withBorder key={i} data-testid="drill-template">
          <Group justify="space-between">
            <Title order={4}>{t('drillDesigner.template', { n: i + 1 })}</Title>
            {templates.length > 1 && (
              <Button variant="subtle" color="red" size="xs" onClick={() => setTemplates(templates.filter((_, j) => j !== i))}>
                {t('drillDesigner.remove')}
              </Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {(['ja', 'en'] as const).map((lang) => (
              <MailFields
                key={lang}
                lang={lang}
                mail={tp[lang]}
                onChange={(m) => setTemplate(i, { ...tp, [lang]: m })}
                errorOf={(f) => err(`body.templates.${i}.${lang}.${f}`)}
              />
            ))}
          </SimpleGrid>
          <TextInput
            mt="sm"
            label={t('drillDesigner.attachment')}
            description={t('drillDesigner.attachmentHelp')}
            placeholder="invoice.txt"
            value={tp.attachmentName ?? ''}
            onChange={(e) => setTemplate(i, { ...tp, attachmentName: e.currentTarget.value.trim() || null })}
            error={err(`body.templates.${i}.attachmentName`)}
          />
        </Card>
      ))}
      {templates.length < 5 && (
        <Button variant="default" onClick={() => setTemplates([...templates, emptyTemplate()])}>
          {t('drillDesigner.addTemplate')}
        </Button>
      )}
      <Card withBorder>
        <Title order={4}>{t('drillsPage.targets')}</Title>
        <Text size="sm" c="dimmed">
          {t('drillDesigner.targetsHelp')}
        </Text>
        {targets.map((tg, i) => (
          <Group key={i} align="flex-end" wrap="wrap">
            <OrgUnitSelect
              label={t('drillDesigner.unit')}
              clearable
              placeholder={t('drillsPage.wholeGroup')}
              value={tg.unitId}
              onChange={(v) => setTarget(i, { ...tg, unitId: v })}
              error={err(`body.targets.${i}.unitId`)}
              testId={`drill-target-unit-${i}`}
            />
            <Select
              label={t('drillDesigner.roleGroup')}
              clearable
              placeholder={t('drillDesigner.everyone')}
              value={tg.roleGroup}
              onChange={(v) => setTarget(i, { ...tg, roleGroup: v as Target['roleGroup'] })}
              data={(['executive', 'org_head', 'staff'] as const).map((g) => ({
                value: g,
                label: t(`drillsPage.roleGroups.${g}`),
              }))}
            />
            {targets.length > 1 && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('drillDesigner.remove')}
                onClick={() => setTargets(targets.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        <Button mt="sm" variant="default" size="xs" onClick={() => setTargets([...targets, { unitId: null, roleGroup: null }])}>
          {t('drillDesigner.addTarget')}
        </Button>
        <Text size="sm" c="red" mt="xs">
          {err('body.targets')}
        </Text>
      </Card>
      <ProblemAlert error={error} />
      {preview && sample && (
        <Card withBorder data-testid="drill-preview">
          <Text fw={600}>{t('drillDesigner.reach', { n: preview.recipients })}</Text>
          <Text size="sm">
            {(['executive', 'org_head', 'staff'] as const)
              .map((g) => `${t(`drillsPage.roleGroups.${g}`)}: ${preview.byRoleGroup[g]}`)
              .join(' · ')}
          </Text>
          <Text size="sm" c="dimmed" mt="sm">
            {sample.senderName}
          </Text>
          <Text fw={600}>{sample.subject}</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {sample.body}
          </Text>
        </Card>
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          loading={check.isPending}
          onClick={() => check.mutate(body(), { onSuccess: setPreview })}
          data-testid="drill-preview-button"
        >
          {t('drillDesigner.preview')}
        </Button>
        <Button
          loading={create.isPending}
          onClick={() => create.mutate(body(), { onSuccess: (d) => void navigate({ to: `/drills/${d.id}` }) })}
          data-testid="drill-save"
        >
          {t('drillDesigner.save')}
        </Button>
      </Group>
    </Stack>
  );
}
