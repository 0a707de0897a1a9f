import { Alert, Anchor, Box, Button, Code, CopyButton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { PublicLayout } from '../../app/PublicLayout';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { useReportVulnerability } from './api';

const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
/** An OpenPGP message pasted as the description is sent as such: the server decrypts it with the PSIRT key. */
const isPgpMessage = (v: string) => /^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----$/.test(v.trim());

/** The public vulnerability report form (no sign-in): answers with the secret tracking link, shown once. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const report = useReportVulnerability();
  const form = useForm({
    initialValues: {
      title: '',
      productName: '',
      productVersion: '',
      description: '',
      reporterName: '',
      reporterEmail: '',
      website: '',
    },
  });
  const submit = form.onSubmit((v) =>
    report.mutate(
      {
        title: v.title.trim(),
        productName: v.productName.trim(),
        productVersion: optional(v.productVersion),
        ...(isPgpMessage(v.description) ? { encrypted: v.description.trim() } : { description: v.description.trim() }),
        reporterName: optional(v.reporterName),
        reporterEmail: optional(v.reporterEmail),
        language: i18n.language === 'ja' ? 'ja' : 'en',
        // the honeypot: people never see it, so it stays empty
        website: v.website,
      },
      {
        onError: (e) => {
          applyProblem(form, e);
          // the server names the encrypted field; the reporter typed it into the description
          if (e instanceof ApiError && e.fieldErrors().encrypted) form.setFieldError('description', e.fieldErrors().encrypted);
        },
      },
    ),
  );
  const receipt = report.data;
  return (
    <PublicLayout title={t('psirt.report.title')} width={640}>
      {receipt ? (
        <Stack data-testid="report-done">
          <Alert color="green">{t('psirt.report.done')}</Alert>
          <Text size="sm">{t('psirt.report.trackingHelp')}</Text>
          <Anchor href={receipt.trackingUrl} data-testid="report-tracking-url" style={{ wordBreak: 'break-all' }}>
            {receipt.trackingUrl}
          </Anchor>
          <CopyButton value={receipt.trackingUrl}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('psirt.report.copied') : t('psirt.report.copy')}
              </Button>
            )}
          </CopyButton>
          <Anchor component={Link} to="/advisories">
            {t('psirt.advisories.title')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} data-testid="report-form">
          <Stack>
            <Text size="sm">{t('psirt.report.intro')}</Text>
            <Text size="sm" id="policy" data-testid="report-policy">
              {t('psirt.report.policy')}
            </Text>
            <Text size="sm">
              {t('psirt.report.pgp')} <Code>/.well-known/psirt-pgp-key.asc</Code>
            </Text>
            <TextInput
              label={t('psirt.report.reportTitle')}
              required
              maxLength={200}
              data-testid="report-title"
              {...form.getInputProps('title')}
            />
            <TextInput
              label={t('psirt.report.productName')}
              required
              maxLength={200}
              data-testid="report-product"
              {...form.getInputProps('productName')}
            />
            <TextInput
              label={t('psirt.report.productVersion')}
              maxLength={100}
              data-testid="report-version"
              {...form.getInputProps('productVersion')}
            />
            <Textarea
              label={t('psirt.report.description')}
              description={`${t('psirt.report.descriptionHelp')} ${t('psirtCases.reportForm.encryptedHelp')}`}
              required
              autosize
              minRows={6}
              maxLength={200_000}
              data-testid="report-description"
              {...form.getInputProps('description')}
            />
            <TextInput
              label={t('psirt.report.reporterName')}
              maxLength={200}
              autoComplete="name"
              {...form.getInputProps('reporterName')}
            />
            <TextInput
              label={t('psirt.report.reporterEmail')}
              description={t('psirt.report.reporterEmailHelp')}
              type="email"
              maxLength={254}
              autoComplete="email"
              data-testid="report-email"
              {...form.getInputProps('reporterEmail')}
            />
            <Box aria-hidden style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
              <label>
                Website
                <input
                  type="text"
                  name="website"
                  tabIndex={-1}
                  autoComplete="off"
                  value={form.values.website}
                  onChange={(e) => form.setFieldValue('website', e.currentTarget.value)}
                />
              </label>
            </Box>
            <ProblemAlert error={report.error} />
            <Button type="submit" loading={report.isPending} data-testid="report-submit">
              {t('psirt.report.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicLayout>
  );
}
