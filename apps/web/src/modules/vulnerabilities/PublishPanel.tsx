import { Alert, Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { formatDateTime } from '../../components/names';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import {
  type Advisory,
  advisoryFileUrl,
  type AdvisoryPreview as Preview,
  type PublishBody,
  useCaseMutation,
  type VulnerabilityDetail,
} from './api';
import { AdvisoryPreview } from './AdvisoryPreview';

/** The public page and machine-readable documents of a published advisory. */
function PublishedLinks({ advisory, hasCve }: { advisory: NonNullable<VulnerabilityDetail['advisory']>; hasCve: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="teal" data-testid="advisory-published">
      <Text size="sm">
        {t('psirtCases.publish.published', {
          trackingId: advisory.trackingId,
          revision: advisory.revision,
          date: formatDateTime(advisory.currentReleaseDate, i18n.language),
        })}
      </Text>
      <Group mt="xs">
        <Anchor component={Link} to={`/advisories/${encodeURIComponent(advisory.trackingId)}`} data-testid="advisory-public-link">
          {t('psirtCases.publish.publicPage')}
        </Anchor>
        <Anchor href={advisoryFileUrl(advisory.id, 'csaf.json')} data-testid="advisory-csaf-link">
          CSAF 2.0 (csaf.json)
        </Anchor>
        <Anchor href={advisoryFileUrl(advisory.id, 'vex.json')}>CSAF VEX (vex.json)</Anchor>
        {hasCve && (
          <Anchor href={advisoryFileUrl(advisory.id, 'cve.json')} data-testid="advisory-cve-link">
            CVE JSON 5 (cve.json)
          </Anchor>
        )}
      </Group>
    </Alert>
  );
}

/**
 * Publishing, a deliberate step: the ja and en texts are written here, previewed as the public will see them (the
 * server also runs the CSAF validator), and published only after a confirmation. A later publishing is a new revision.
 */
export function PublishPanel({ vulnerability: c, canPublish }: { vulnerability: VulnerabilityDetail; canPublish: boolean }) {
  const { t, i18n } = useTranslation();
  const a = c.advisory;
  // Before the first publishing, the form starts from the advisory's draft (the CRA user notice), if there is one.
  const d = a ? null : c.advisoryDraft;
  const [body, setBody] = useState<Required<PublishBody>>({
    titleJa: a?.titleJa ?? d?.titleJa ?? (c.language === 'ja' ? c.title : ''),
    titleEn: a?.titleEn ?? d?.titleEn ?? (c.language === 'en' ? c.title : ''),
    summaryJa: a?.summaryJa ?? d?.summaryJa ?? '',
    summaryEn: a?.summaryEn ?? d?.summaryEn ?? '',
    revisionSummary: a ? '' : 'Initial public release',
    revisionSummaryJa: a ? '' : '初版公開',
  });
  // The Japanese note is optional: left empty, the Japanese CSAF document repeats the English one.
  const toBody = (b: Required<PublishBody>): PublishBody => ({
    ...b,
    revisionSummaryJa: b.revisionSummaryJa.trim() || undefined,
  });
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const preview = useMutation({
    mutationFn: (b: PublishBody) => api<Preview>(`/vulnerabilities/${c.id}/advisory/preview`, { method: 'POST', json: b }),
    onSuccess: (_, b) => setPreviewed(JSON.stringify(b)),
  });
  const publish = useCaseMutation((b: PublishBody) =>
    api<Advisory>(`/vulnerabilities/${c.id}/advisory`, { method: 'POST', json: b }),
  );
  const set = (k: keyof PublishBody, v: string) => setBody({ ...body, [k]: v });
  const underEmbargo = c.embargoUntil !== null && new Date(c.embargoUntil) > new Date();
  const current = preview.data && previewed === JSON.stringify(toBody(body)) ? preview.data : undefined;
  const ready = current !== undefined && current.problems.length === 0 && !underEmbargo;
  const err = (f: string) => fieldError(preview.error ?? publish.error, f);

  return (
    <Paper withBorder p="md" data-testid="vulnerability-publish">
      <Title order={4} mb="sm">
        {t('psirtCases.publish.title')}
      </Title>
      <Stack>
        {a && <PublishedLinks advisory={a} hasCve={c.cveId !== null} />}
        {canPublish && (
          <>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Stack gap="xs">
                <TextInput
                  label={t('psirtCases.publish.titleJa')}
                  value={body.titleJa}
                  onChange={(e) => set('titleJa', e.currentTarget.value)}
                  maxLength={300}
                  error={err('titleJa')}
                  data-testid="publish-title-ja"
                />
                <Textarea
                  label={t('psirtCases.publish.summaryJa')}
                  value={body.summaryJa}
                  onChange={(e) => set('summaryJa', e.currentTarget.value)}
                  autosize
                  minRows={4}
                  maxLength={20_000}
                  error={err('summaryJa')}
                  data-testid="publish-summary-ja"
                />
              </Stack>
              <Stack gap="xs">
                <TextInput
                  label={t('psirtCases.publish.titleEn')}
                  value={body.titleEn}
                  onChange={(e) => set('titleEn', e.currentTarget.value)}
                  maxLength={300}
                  error={err('titleEn')}
                  data-testid="publish-title-en"
                />
                <Textarea
                  label={t('psirtCases.publish.summaryEn')}
                  value={body.summaryEn}
                  onChange={(e) => set('summaryEn', e.currentTarget.value)}
                  autosize
                  minRows={4}
                  maxLength={20_000}
                  error={err('summaryEn')}
                  data-testid="publish-summary-en"
                />
              </Stack>
            </SimpleGrid>
            <TextInput
              label={t('psirtCases.publish.revisionSummary')}
              description={t('psirtCases.publish.revisionHelp')}
              value={body.revisionSummary}
              onChange={(e) => set('revisionSummary', e.currentTarget.value)}
              maxLength={500}
              error={err('revisionSummary')}
              data-testid="publish-revision"
            />
            <TextInput
              label={t('psirtCases.publish.revisionSummaryJa')}
              value={body.revisionSummaryJa}
              onChange={(e) => set('revisionSummaryJa', e.currentTarget.value)}
              maxLength={500}
              error={err('revisionSummaryJa')}
              data-testid="publish-revision-ja"
            />
            <Group>
              <Button
                variant="default"
                loading={preview.isPending}
                onClick={() => preview.mutate(toBody(body))}
                data-testid="publish-preview"
              >
                {t('psirtCases.publish.preview')}
              </Button>
              <Button color="red" disabled={!ready} onClick={() => setConfirming(true)} data-testid="publish-open">
                {a ? t('psirtCases.publish.republish') : t('psirtCases.publish.publish')}
              </Button>
            </Group>
            {underEmbargo && (
              <Alert color="yellow">
                {t('psirtCases.publish.embargo', { until: formatDateTime(c.embargoUntil, i18n.language) })}
              </Alert>
            )}
            {preview.data && !current && (
              <Text size="sm" c="dimmed">
                {t('psirtCases.publish.stale')}
              </Text>
            )}
            <ProblemAlert error={preview.error} />
            {current && current.problems.length > 0 && (
              <Alert color="red" title={t('psirtCases.publish.invalid')} data-testid="publish-problems">
                <List size="sm">
                  {current.problems.map((p, i) => (
                    <List.Item key={i}>
                      {p.path}: {p.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {current && <AdvisoryPreview preview={current} />}
            <ConfirmModal
              opened={confirming}
              title={t('psirtCases.publish.confirmTitle')}
              message={t('psirtCases.publish.confirmMessage', { trackingId: current?.document.trackingId ?? '' })}
              confirmLabel={a ? t('psirtCases.publish.republish') : t('psirtCases.publish.publish')}
              pending={publish.isPending}
              error={publish.error}
              onClose={() => setConfirming(false)}
              onConfirm={() =>
                publish.mutate(toBody(body), {
                  onSuccess: () => {
                    setConfirming(false);
                    preview.reset();
                    setBody({ ...body, revisionSummary: '', revisionSummaryJa: '' });
                    notifySuccess(t('psirtCases.publish.done'));
                  },
                })
              }
              testId="publish-confirm"
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
