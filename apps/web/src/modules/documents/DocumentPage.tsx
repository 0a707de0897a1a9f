import { Alert, Anchor, Button, Card, Group, List, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { acknowledge, useDocMutation, useDocument } from './api';
import { KindBadge } from './KindBadge';
import { Markdown } from '../../components/Markdown';

/** Reading a published document (in either language) and acknowledging it; works at phone width. */
export function DocumentPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const doc = useDocument(id);
  const ack = useDocMutation(acknowledge);
  const [lang, setLang] = useState<'ja' | 'en'>(i18n.language === 'ja' ? 'ja' : 'en');
  const d = doc.data;
  const v = d?.published;
  return (
    <Stack>
      <ProblemAlert error={doc.error} />
      {d && (
        <>
          <Group justify="space-between" wrap="wrap">
            <Group gap="xs">
              <KindBadge kind={d.kind} />
              {v && <Text c="dimmed">{t('documents.versionN', { n: v.number })}</Text>}
            </Group>
            <SegmentedControl
              size="xs"
              value={lang}
              onChange={(x) => setLang(x as 'ja' | 'en')}
              data={[
                { value: 'ja', label: '日本語' },
                { value: 'en', label: 'English' },
              ]}
              aria-label={t('documents.textLanguage')}
            />
          </Group>
          <Title order={2} data-testid="doc-title">
            {v ? (lang === 'ja' ? v.titleJa : v.titleEn) : lang === 'ja' ? d.title.ja : d.title.en}
          </Title>
          {(d.canManage || d.canApprove) && (
            <Anchor component={Link} to={`/documents/${id}/edit`} data-testid="doc-edit-link">
              {t('documents.openEditor')}
            </Anchor>
          )}
          {!v && <Alert color="gray">{t('documents.unpublished')}</Alert>}
          {v && (
            <>
              <Text size="sm" c="dimmed">
                {t('documents.publishedAt')}: {formatDateTime(v.publishedAt, i18n.language)}
                {v.approvedBy ? ` · ${t('documents.approvedBy')}: ${v.approvedBy}` : ''}
                {d.reviewDueOn ? ` · ${t('documents.reviewDueOn')}: ${d.reviewDueOn}` : ''}
              </Text>
              {v.changeSummary && (
                <Alert color="blue" title={t('documents.whatChanged')}>
                  {v.changeSummary}
                </Alert>
              )}
              <Card withBorder>
                <Markdown text={lang === 'ja' ? v.bodyJa : v.bodyEn} testId="doc-body" />
              </Card>
              {v.files.length > 0 && (
                <Card withBorder>
                  <Title order={4}>{t('documents.files')}</Title>
                  <List>
                    {v.files.map((f) => (
                      <List.Item key={f.id}>
                        <Anchor href={buildUrl(`/documents/${id}/versions/${v.number}/files/${f.id}`)}>{f.name}</Anchor>
                      </List.Item>
                    ))}
                  </List>
                </Card>
              )}
              {d.requiresAck && (
                <Card withBorder data-testid="doc-ack">
                  {d.acknowledged ? (
                    <Text c="teal.9" fw={600} data-testid="doc-acked">
                      {t('documents.ackedAt', { at: formatDateTime(d.acknowledgedAt, i18n.language) })}
                    </Text>
                  ) : (
                    <Stack>
                      <Text>{t('documents.ackPrompt')}</Text>
                      <ProblemAlert error={ack.error} />
                      <Group>
                        <Button
                          loading={ack.isPending}
                          onClick={() => ack.mutate({ id, v: v.number })}
                          data-testid="doc-ack-button"
                        >
                          {t('documents.ackButton')}
                        </Button>
                      </Group>
                    </Stack>
                  )}
                </Card>
              )}
            </>
          )}
        </>
      )}
    </Stack>
  );
}
