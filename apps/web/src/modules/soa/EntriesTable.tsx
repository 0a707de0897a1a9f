import { Anchor, Button, FileButton, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { Table } from '../../components/Table';
import type { Control, EntryChange, SoaEntry, SoaLinkedRisk } from './api';
import { decisionOf, ImplBadge } from './badges';

const THEMES = ['organizational', 'people', 'physical', 'technological'] as const;

interface Props {
  entries: SoaEntry[];
  controls: Control[];
  editable: boolean;
  onChange: (controlId: string, change: EntryChange) => void;
  /** the version's API path (`/soa/<id>/versions/<n>`), for evidence downloads */
  base: string;
  onUpload: (controlId: string, file: File) => void;
  /** the register's risks that rely on each control (those the reader may read) */
  risks: SoaLinkedRisk[];
}

/** One row: the control in the reader's language, and its decision (editable on a draft by the office). */
function Row({
  entry,
  control,
  editable,
  onChange,
  base,
  onUpload,
  risks,
}: { entry: SoaEntry; control?: Control | undefined } & Omit<Props, 'entries' | 'controls'>) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const [justification, setJustification] = useState(entry.justification);
  const [policies, setPolicies] = useState(entry.policies.join(', '));
  const title = control?.title[lang] ?? entry.controlId;
  return (
    <Table.Tr data-testid="soa-entry" data-control={entry.controlId}>
      <Table.Td>{entry.controlId}</Table.Td>
      <Table.Td maw={320}>
        <Stack gap={2}>
          <Text fw={500}>{title}</Text>
          <Text size="xs" c="dimmed">
            {control?.guidance[lang]}
          </Text>
          {risks.length > 0 && (
            // links at least 24 px apart (WCAG 2.2 target size): a gap between the short lines of the list
            <Stack gap={8} data-testid="soa-linked-risks">
              <Text size="xs" fw={500}>
                {t('soa.linkedRisks', { count: risks.length })}
              </Text>
              {risks.slice(0, 5).map((r) => (
                <Anchor key={r.riskId} component={Link} to={`/risks/${r.riskId}`} size="xs">
                  {r.title} ({lang === 'ja' ? r.residualLevel.labelJa : r.residualLevel.labelEn})
                </Anchor>
              ))}
            </Stack>
          )}
        </Stack>
      </Table.Td>
      <Table.Td miw={130}>
        {editable ? (
          <Select
            aria-label={t('soa.fields.applicable', { control: entry.controlId })}
            data={[
              { value: 'yes', label: t('soa.applicable.yes') },
              { value: 'no', label: t('soa.applicable.no') },
            ]}
            placeholder={t('soa.applicable.undecided')}
            value={entry.applicable === null ? null : decisionOf(entry.applicable)}
            onChange={(v) => onChange(entry.controlId, { applicable: v === null ? null : v === 'yes' })}
            data-testid="entry-applicable"
          />
        ) : (
          <Text c={entry.applicable === null ? 'orange.9' : undefined}>
            {t(`soa.applicable.${decisionOf(entry.applicable)}`)}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={220}>
        {editable ? (
          <Textarea
            aria-label={t('soa.fields.justification', { control: entry.controlId })}
            autosize
            minRows={1}
            value={justification}
            onChange={(e) => setJustification(e.currentTarget.value)}
            onBlur={() => justification !== entry.justification && onChange(entry.controlId, { justification })}
            data-testid="entry-justification"
          />
        ) : (
          <Text size="sm">{entry.justification}</Text>
        )}
      </Table.Td>
      <Table.Td miw={140}>
        {editable && entry.applicable !== false ? (
          <Select
            aria-label={t('soa.fields.status', { control: entry.controlId })}
            data={['not_started', 'partial', 'implemented'].map((s) => ({ value: s, label: t(`soa.impl.${s}`) }))}
            value={entry.status}
            allowDeselect={false}
            onChange={(v) => v && onChange(entry.controlId, { status: v as SoaEntry['status'] })}
            data-testid="entry-status"
          />
        ) : entry.applicable === false ? (
          <Text c="dimmed">—</Text>
        ) : (
          <ImplBadge status={entry.status} />
        )}
      </Table.Td>
      <Table.Td miw={180}>
        {editable ? (
          <TextInput
            aria-label={t('soa.fields.policies', { control: entry.controlId })}
            value={policies}
            onChange={(e) => setPolicies(e.currentTarget.value)}
            onBlur={() => {
              const list = policies
                .split(/[,、]/)
                .map((p) => p.trim())
                .filter(Boolean);
              if (list.join('|') !== entry.policies.join('|')) onChange(entry.controlId, { policies: list });
            }}
          />
        ) : (
          <Text size="sm">{entry.policies.join(', ')}</Text>
        )}
        {entry.evidence.map((f) => (
          <Anchor key={f.id} size="xs" display="block" href={buildUrl(`${base}/entries/${entry.controlId}/evidence/${f.id}`)}>
            {f.name}
          </Anchor>
        ))}
        {editable && (
          <FileButton onChange={(f) => f && onUpload(entry.controlId, f)}>
            {(props) => (
              <Button {...props} size="compact-xs" variant="subtle" mt={4}>
                {t('soa.addEvidence', { control: entry.controlId })}
              </Button>
            )}
          </FileButton>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The 93 controls by theme, as filtered by the page. */
export function EntriesTable({ entries, controls, editable, onChange, base, onUpload, risks }: Props) {
  const { t } = useTranslation();
  const byId = new Map(controls.map((c) => [c.id, c]));
  return (
    <Table minWidth={960} data-testid="soa-entries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('soa.fields.control')}</Table.Th>
          <Table.Th>{t('soa.fields.title')}</Table.Th>
          <Table.Th>{t('soa.fields.applies')}</Table.Th>
          <Table.Th>{t('soa.fields.reason')}</Table.Th>
          <Table.Th>{t('soa.fields.implementation')}</Table.Th>
          <Table.Th>{t('soa.fields.policyRefs')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {THEMES.map((theme) => {
          const rows = entries.filter((e) => byId.get(e.controlId)?.theme === theme);
          if (!rows.length) return null;
          return (
            <Fragment key={theme}>
              <Table.Tr>
                <Table.Th colSpan={6} scope="colgroup">
                  {t(`soa.themes.${theme}`)}
                </Table.Th>
              </Table.Tr>
              {rows.map((e) => (
                <Row
                  key={`${e.controlId}-${e.updatedAt}`}
                  entry={e}
                  control={byId.get(e.controlId)}
                  editable={editable}
                  onChange={onChange}
                  base={base}
                  onUpload={onUpload}
                  risks={risks.filter((r) => r.controlId === e.controlId)}
                />
              ))}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
