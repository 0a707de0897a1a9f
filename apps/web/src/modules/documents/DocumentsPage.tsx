import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { createDocument, useDocMutation, useDocuments, type DocumentSummary } from './api';
import { KindBadge } from './KindBadge';

const name = (n: { ja: string; en: string }, lang: string) => (lang === 'ja' ? n.ja : n.en);

function NewDocument({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const create = useDocMutation(createDocument);
  const [kind, setKind] = useState<DocumentSummary['kind']>('guide');
  const [key, setKey] = useState('');
  const [titleJa, setTitleJa] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [requiresAck, setRequiresAck] = useState(false);
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('documents.new')}</Title>
        <Group grow align="flex-end" wrap="wrap">
          <Select
            label={t('documents.kind')}
            value={kind}
            onChange={(v) => v && setKind(v as DocumentSummary['kind'])}
            data={(['policy', 'guideline', 'guide'] as const).map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
            allowDeselect={false}
          />
          <TextInput
            label={t('documents.key')}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            data-testid="doc-new-key"
          />
        </Group>
        <TextInput label={t('documents.titleJa')} value={titleJa} onChange={(e) => setTitleJa(e.currentTarget.value)} />
        <TextInput label={t('documents.titleEn')} value={titleEn} onChange={(e) => setTitleEn(e.currentTarget.value)} />
        <Checkbox
          label={t('documents.requiresAck')}
          checked={requiresAck}
          onChange={(e) => setRequiresAck(e.currentTarget.checked)}
        />
        <ProblemAlert error={create.error} />
        <Group>
          <Button
            loading={create.isPending}
            disabled={!key || !titleJa || !titleEn}
            onClick={() => create.mutate({ kind, key, titleJa, titleEn, requiresAck }, { onSuccess: (d) => onDone(d.id) })}
          >
            {t('documents.create')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * The information-security portal: every published document that applies to me, searchable, with what I still have
 * to acknowledge; the offices switch to the list of every document they manage (drafts too) and start new ones.
 */
export function DocumentsPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('documents:manage');
  const canApprove = useCan('documents:approve');
  const [view, setView] = useState<'portal' | 'manage'>('portal');
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const docs = useDocuments(view, q);
  return (
    <Stack>
      <Title order={2}>{t('documents.title')}</Title>
      <Text c="dimmed">{t('documents.intro')}</Text>
      <Group wrap="wrap">
        <TextInput
          placeholder={t('documents.search')}
          aria-label={t('documents.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="doc-search"
          style={{ flex: 1, minWidth: 200 }}
        />
        {(canManage || canApprove) && (
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as 'portal' | 'manage')}
            data={[
              { value: 'portal', label: t('documents.viewPortal') },
              { value: 'manage', label: t('documents.viewManage') },
            ]}
            data-testid="doc-view"
          />
        )}
        {canManage && (
          <Button variant="light" onClick={() => setAdding((a) => !a)}>
            {t('documents.new')}
          </Button>
        )}
      </Group>
      {adding && <NewDocument onDone={(id) => void navigate({ to: `/documents/${id}/edit` })} />}
      <ProblemAlert error={docs.error} />
      <Stack gap="sm" data-testid="doc-list">
        {(docs.data?.items ?? []).map((d) => (
          <Card key={d.id} withBorder padding="sm" data-testid="doc-card">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Group gap="xs" wrap="wrap">
                  <KindBadge kind={d.kind} />
                  {d.acknowledged === false && (
                    <Badge color="orange" data-testid="doc-ack-needed">
                      {t('documents.ackNeeded')}
                    </Badge>
                  )}
                  {d.acknowledged === true && <Badge color="green">{t('documents.acked')}</Badge>}
                  {view === 'manage' && d.openVersion && (
                    <Badge color="gray" variant="outline">
                      {t('documents.versionN', { n: d.openVersion.number })}: {t(`documents.statuses.${d.openVersion.status}`)}
                    </Badge>
                  )}
                </Group>
                <Anchor
                  component={Link}
                  to={view === 'manage' ? `/documents/${d.id}/edit` : `/documents/${d.id}`}
                  fw={600}
                  data-testid="doc-link"
                >
                  {name(d.title, i18n.language)}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {d.publishedVersion ? t('documents.versionN', { n: d.publishedVersion }) : t('documents.unpublished')}
                  {d.scope ? ` · ${name(d.scope.name, i18n.language)}` : ` · ${t('documents.wholeGroup')}`}
                  {d.activity ? ` · ${d.activity}` : ''}
                </Text>
              </Stack>
            </Group>
          </Card>
        ))}
        {docs.data?.items.length === 0 && <Text c="dimmed">{t('documents.none')}</Text>}
      </Stack>
    </Stack>
  );
}
