import { Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { frameMail, type MailLanguage, type MailTemplate } from '@mamori/contracts';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';

/** A sample mail in each language, to preview the frame around (a mail is sent in its recipient's language). */
const SAMPLE: Record<MailLanguage, { subject: string; body: string }> = {
  ja: {
    subject: '[Mamori] 誓約書への署名のお願い',
    body: '「情報セキュリティ誓約書」第 3 版を読んで署名してください。\n\nhttps://mamori.example/training/pledges\n',
  },
  en: {
    subject: '[Mamori] Confidentiality pledge to sign',
    body: 'Please read and sign version 3 of "Information security pledge".\n\nhttps://mamori.example/training/pledges\n',
  },
};

/**
 * A mail template (`mail.template`), a company's or the group's own: sender display name, subject prefix, greeting
 * and signature in ja and en, each field with the value it inherits beside it (when it inherits one), and a preview
 * of a mail in either language. Templates are plain text: the preview shows them as text; the server refuses markup
 * and unknown placeholders.
 */
export function MailTemplateForm({
  value,
  inherited,
  canEdit,
  company,
  save,
}: {
  value: MailTemplate;
  /** what the template inherits (a company's); none for the group's own */
  inherited?: MailTemplate;
  canEdit: boolean;
  company: { ja: string; en: string };
  save: UseMutationResult<unknown, Error, MailTemplate>;
}) {
  const { t, i18n } = useTranslation();
  const form = useForm({ initialValues: { value } });
  const [lang, setLang] = useState<MailLanguage>(i18n.language === 'ja' ? 'ja' : 'en');
  const submit = form.onSubmit((v) =>
    save.mutate(v.value, { onSuccess: () => notifySuccess(t('common.saved')), onError: (e) => applyProblem(form, e) }),
  );
  const shown = (s: string) => s || t('companies.mailTemplate.empty');
  const note = (pick: (m: MailTemplate) => string) =>
    inherited ? t('companies.mailTemplate.inherited', { value: shown(pick(inherited)) }) : undefined;
  const preview = frameMail(
    form.values.value,
    SAMPLE[lang],
    {
      company,
      recipientName: { ja: '山田 花子', en: 'Hanako Yamada' },
    },
    [lang],
  );
  const field = (path: string, testId: string) => ({ disabled: !canEdit, 'data-testid': testId, ...form.getInputProps(path) });
  return (
    <form onSubmit={submit} data-testid="mail-template-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('companies.mailTemplate.senderName')}
            description={note((m) => m.senderName)}
            maxLength={80}
            {...field('value.senderName', 'mail-sender-name')}
          />
          <TextInput
            label={t('companies.mailTemplate.subjectPrefix')}
            description={note((m) => m.subjectPrefix)}
            maxLength={40}
            {...field('value.subjectPrefix', 'mail-subject-prefix')}
          />
          {(['ja', 'en'] as const).map((l) => (
            <Textarea
              key={`greeting-${l}`}
              label={t(`companies.mailTemplate.greeting_${l}`)}
              description={note((m) => m.greeting[l])}
              autosize
              minRows={2}
              maxLength={500}
              {...field(`value.greeting.${l}`, `mail-greeting-${l}`)}
            />
          ))}
          {(['ja', 'en'] as const).map((l) => (
            <Textarea
              key={`signature-${l}`}
              label={t(`companies.mailTemplate.signature_${l}`)}
              description={note((m) => m.signature[l])}
              autosize
              minRows={3}
              maxLength={1000}
              {...field(`value.signature.${l}`, `mail-signature-${l}`)}
            />
          ))}
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('companies.mailTemplate.help', { phCompany: '{{company}}', phRecipient: '{{recipientName}}' })}
        </Text>
        <Group justify="space-between" wrap="wrap">
          <Text fw={600} size="sm" id="mail-preview-title">
            {t('companies.mailTemplate.preview')}
          </Text>
          <SegmentedControl
            size="xs"
            value={lang}
            onChange={(v) => setLang(v as MailLanguage)}
            aria-labelledby="mail-preview-title"
            data={[
              { value: 'ja', label: t('companies.mailTemplate.previewJa') },
              { value: 'en', label: t('companies.mailTemplate.previewEn') },
            ]}
          />
        </Group>
        <Card withBorder padding="sm" data-testid="mail-preview">
          <Text size="sm">
            {t('companies.mailTemplate.from')}: {form.values.value.senderName || t('companies.mailTemplate.defaultSender')}
          </Text>
          <Text size="sm" data-testid="mail-preview-subject">
            {t('companies.mailTemplate.subject')}: {preview.subject}
          </Text>
          <Text
            size="sm"
            component="pre"
            style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}
            data-testid="mail-preview-body"
          >
            {preview.body}
          </Text>
        </Card>
        <ProblemAlert error={save.error} />
        {canEdit && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="mail-template-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
