import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import {
  putMatrix,
  ROLES,
  useActivityCatalog,
  useAgreementMutation,
  type AgreementDetail,
  type MatrixRow,
  type Role,
} from './api';

type Side = 'own' | 'counterpart';
const LETTER: Record<Role, string> = { responsible: 'R', approve: 'A', support: 'S', inform: 'I' };

/** The responsibility matrix: one row per catalogue activity, R/A/S/I for each side; rows left empty are not part of it. */
export function MatrixEditor({ a, canManage }: { a: AgreementDetail; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const catalog = useActivityCatalog();
  const [draft, setDraft] = useState<Record<string, MatrixRow> | null>(null);
  const save = useAgreementMutation((rows: MatrixRow[]) => putMatrix(a.id, rows, a.rowVersion));
  const current = draft ?? Object.fromEntries(a.activities.map((r) => [r.activity, r]));
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  if (!catalog.data) return <ProblemAlert error={catalog.error} />;
  const toggle = (code: string, side: Side, role: Role) => {
    const row = current[code] ?? { activity: code, own: [], counterpart: [], note: null };
    const roles = row[side].includes(role) ? row[side].filter((r) => r !== role) : [...row[side], role];
    setDraft({ ...current, [code]: { ...row, [side]: roles } });
  };
  const cell = (code: string, side: Side) => {
    const roles = current[code]?.[side] ?? [];
    if (!canManage) return <Text size="sm">{roles.map((r) => LETTER[r]).join(', ') || '—'}</Text>;
    return (
      <Group gap={6} wrap="nowrap">
        {ROLES.map((r) => (
          <Checkbox
            key={r}
            size="xs"
            label={LETTER[r]}
            aria-label={`${t(`agreements.side.${side}`)}: ${t(`agreements.role.${r}`)}`}
            checked={roles.includes(r)}
            onChange={() => toggle(code, side, r)}
            data-testid={`matrix-${code}-${side}-${r}`}
          />
        ))}
      </Group>
    );
  };
  // sent in the catalogue's order, so a refusal's `activities.N` names the row it is about
  const rows = catalog.data.activities.flatMap((c) => {
    const r = current[c.code];
    return r && r.own.length + r.counterpart.length > 0 ? [r] : [];
  });
  const rowErrors = new Map<string, string>();
  if (save.error instanceof ApiError)
    for (const [path, text] of Object.entries(save.error.fieldErrors())) {
      const i = /^activities\.(\d+)/.exec(path)?.[1];
      const code = i === undefined ? undefined : rows[Number(i)]?.activity;
      if (code && !rowErrors.has(code)) rowErrors.set(code, text);
    }
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('agreements.matrix.legend')}
      </Text>
      <Table data-testid="agreement-matrix" minWidth={canManage ? 720 : 520}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreements.matrix.activity')}</Table.Th>
            <Table.Th>{t('agreements.side.own')}</Table.Th>
            <Table.Th>{t('agreements.side.counterpart')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {catalog.data.activities
            .filter((c) => canManage || current[c.code])
            .map((c) => (
              <Table.Tr
                key={c.code}
                data-testid="matrix-row"
                data-activity={c.code}
                bg={rowErrors.has(c.code) ? 'var(--mantine-color-red-light)' : undefined}
              >
                <Table.Td>
                  <Text size="sm">{c[lang]}</Text>
                  {rowErrors.has(c.code) && (
                    <Text size="xs" c="red.8" data-testid="matrix-row-error">
                      {rowErrors.get(c.code)}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    ISO/SAE 21434 {c.clause}
                    {current[c.code]?.note ? ` — ${current[c.code]!.note}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{cell(c.code, 'own')}</Table.Td>
                <Table.Td>{cell(c.code, 'counterpart')}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
      <ProblemAlert error={save.error} listErrors={false} />
      {canManage && (
        <Group justify="flex-end">
          <Button
            size="xs"
            disabled={!draft}
            loading={save.isPending}
            onClick={() => save.mutate(rows, { onSuccess: () => setDraft(null) })}
            data-testid="matrix-save"
          >
            {t('agreements.matrix.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
