import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../tara/FormModal';
import { linkInput, putPractices, useIecMutation, type Assessment, type Catalog, type PracticeState } from './api';
import { Evidence } from './Evidence';
import { LinksEditor } from './LinksEditor';

type Practice = Catalog['practices'][number];

/** The eight 4-1 practices: the maturity level reached, the evidence, and what each practice asks (its requirements). */
export function PracticesPanel({
  a,
  catalog,
  canManage,
  lang,
}: {
  a: Assessment;
  catalog: Catalog;
  canManage: boolean;
  lang: 'ja' | 'en';
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Practice | null>(null);
  const state = new Map(a.practices.map((p) => [p.practice, p]));
  const levelName = (n: number) => catalog.maturityLevels.find((m) => m.level === n)?.[lang].name ?? '';
  return (
    <Stack gap="xs" data-testid="iec62443-practices">
      <Text size="xs" c="dimmed">
        {catalog.maturityLevels.map((m) => `${m.level} ${m[lang].name}`).join(' · ')}
      </Text>
      {catalog.practices.map((p) => {
        const s = state.get(p.code);
        return (
          <Paper key={p.code} withBorder p="sm" data-testid="iec62443-practice" data-practice={p.code}>
            <Stack gap={4}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" fw={600}>
                  {p.code} {p[lang]}
                </Text>
                <Group gap={6}>
                  <Badge variant="light" color={s ? (s.level >= 3 ? 'green' : 'yellow') : 'blue'}>
                    {s ? `${t('iec62443.practices.level')} ${s.level} ${levelName(s.level)}` : t('iec62443.status.open')}
                  </Badge>
                  {canManage && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setEditing(p)}
                      aria-label={`${t('iec62443.assess')} ${p.code}`}
                    >
                      {t('iec62443.assess')}
                    </Button>
                  )}
                </Group>
              </Group>
              {s && <Evidence evidence={s.evidence} links={s.links} ownerName={s.ownerName} />}
              <details>
                <summary>
                  <Text span size="xs" c="dimmed">
                    {t('iec62443.practices.requirements', { count: p.requirements.length })}
                  </Text>
                </summary>
                <Stack gap={2} mt={4}>
                  {p.requirements.map((r) => (
                    <Text key={r.id} size="xs">
                      <b>
                        {r.id} {r[lang].title}
                      </b>{' '}
                      — {r[lang].summary}
                    </Text>
                  ))}
                </Stack>
              </details>
            </Stack>
          </Paper>
        );
      })}
      {editing && (
        <PracticeModal
          a={a}
          p={editing}
          state={state.get(editing.code)}
          lang={lang}
          catalog={catalog}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function PracticeModal(props: {
  a: Assessment;
  p: Practice;
  state: PracticeState | undefined;
  lang: 'ja' | 'en';
  catalog: Catalog;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { a, p, state, lang } = props;
  const [level, setLevel] = useState<string>(state ? String(state.level) : '');
  const [evidence, setEvidence] = useState(state?.evidence ?? '');
  const [links, setLinks] = useState((state?.links ?? []).map(linkInput));
  const save = useIecMutation(() =>
    putPractices(
      a.productId,
      [
        {
          practice: p.code,
          level: level ? Number(level) : null,
          evidence: evidence.trim() || null,
          links,
          ownerId: state?.ownerId ?? null,
        },
      ],
      a.rowVersion,
    ),
  );
  return (
    <FormModal
      title={`${p.code} ${p[lang]}`}
      testId="iec62443-practice-form"
      error={save.error}
      pending={save.isPending}
      onClose={props.onClose}
      onSubmit={() => save.mutate(undefined, { onSuccess: props.onClose })}
    >
      <Select
        label={t('iec62443.practices.level')}
        data={[
          { value: '', label: t('iec62443.status.open') },
          ...props.catalog.maturityLevels.map((m) => ({
            value: String(m.level),
            label: `${m.level} ${m[lang].name} — ${m[lang].summary}`,
          })),
        ]}
        value={level}
        onChange={(v) => setLevel(v ?? '')}
        allowDeselect={false}
        data-testid="iec62443-practice-level"
      />
      <Textarea
        label={t('iec62443.fields.evidence')}
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
        autosize
        minRows={3}
      />
      <LinksEditor productId={a.productId} links={links} onChange={setLinks} error={save.error} errorPrefix="items.0.links" />
    </FormModal>
  );
}
