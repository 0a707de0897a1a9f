import { Button, ColorInput, Group, MultiSelect, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/useCan';
import { formatDateTime } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import {
  APPROVERS,
  BLOCKING,
  CONDITIONS,
  DECISIONS,
  HANDLING_ACTIONS,
  saveScheme,
  useAssetsMutation,
  useScheme,
  useSchemeHistory,
  type AssetClass,
  type Scheme,
} from './api';
import { ClassBadge } from './ClassBadge';

/**
 * A company's own scheme instead of the group's (issue #22): its effective value, the version of its own value (the
 * If-Match), whether the reader may change it, and how to save it (stricter only; the server names each loosened rule).
 */
export interface CompanySchemeSource {
  value: Scheme;
  version: number;
  canEdit: boolean;
  save: (scheme: Scheme, version: number) => Promise<unknown>;
}

/** The classes (names, label, colour, rank) and their rules per action as a grid; the office edits, saves with If-Match. */
export function ClassificationPanel({ company }: { company?: CompanySchemeSource } = {}) {
  const { t, i18n } = useTranslation();
  const canConfigure = useCan('isms:configure');
  const groupScheme = useScheme();
  const history = useSchemeHistory();
  const [draft, setDraft] = useState<Scheme | null>(null);
  const save = useAssetsMutation(({ s, v }: { s: Scheme; v: number }) => (company ? company.save(s, v) : saveScheme(s, v)));
  const scheme = company ? { data: { value: company.value, version: company.version }, error: null } : groupScheme;
  const canEdit = company ? company.canEdit : canConfigure;
  const value = draft ?? scheme.data?.value;
  if (!value || !scheme.data) return <ProblemAlert error={scheme.error} />;
  const editing = draft !== null;
  const setClass = (i: number, patch: Partial<AssetClass>) =>
    setDraft({ ...value, classes: value.classes.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setRule = (i: number, act: (typeof HANDLING_ACTIONS)[number], patch: Partial<AssetClass['rules']['label']>) =>
    setClass(i, { rules: { ...value.classes[i]!.rules, [act]: { ...value.classes[i]!.rules[act], ...patch } } });
  const submit = async () => {
    const ok = await save.mutateAsync({ s: value, v: scheme.data!.version }).catch(() => null);
    if (ok) {
      setDraft(null);
      notifySuccess(t('common.saved'));
    }
  };
  return (
    <Stack data-testid="classification-panel">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {scheme.data.version === 0
            ? t('assets.settings.versionDefault')
            : t('assets.settings.version', { version: scheme.data.version })}
        </Text>
        {canEdit &&
          (editing ? (
            <Group>
              <Button variant="default" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => void submit()} loading={save.isPending} data-testid="classification-save">
                {t('common.save')}
              </Button>
            </Group>
          ) : (
            <Button variant="default" onClick={() => setDraft(structuredClone(value))} data-testid="classification-edit">
              {t('common.edit')}
            </Button>
          ))}
      </Group>
      <ProblemAlert error={save.error} />
      {company && save.error instanceof ApiError && (
        // a company's scheme refused as looser than what it inherits: each loosened rule, by its place in the grid
        <ul data-testid="classification-looser">
          {save.error.errors.map((e, i) => (
            <li key={i}>
              <Text size="sm" span>
                {e.path.replace(/^body\.value\./, '')}: {ApiError.errorText(e)}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <Table data-testid="classification-classes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assets.settings.class')}</Table.Th>
            <Table.Th>{t('assets.settings.nameJa')}</Table.Th>
            <Table.Th>{t('assets.settings.nameEn')}</Table.Th>
            <Table.Th>{t('assets.settings.colour')}</Table.Th>
            <Table.Th>{t('assets.settings.rank')}</Table.Th>
            <Table.Th>{t('assets.settings.blocking')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {value.classes.map((c, i) => (
            <Table.Tr key={c.code}>
              <Table.Td>
                <ClassBadge code={c.code} classes={value.classes} />
              </Table.Td>
              <Table.Td>
                {editing ? (
                  <TextInput
                    aria-label={t('assets.settings.nameJa')}
                    value={c.nameJa}
                    onChange={(e) => setClass(i, { nameJa: e.currentTarget.value })}
                  />
                ) : (
                  c.nameJa
                )}
              </Table.Td>
              <Table.Td>
                {editing ? (
                  <TextInput
                    aria-label={t('assets.settings.nameEn')}
                    value={c.nameEn}
                    onChange={(e) => setClass(i, { nameEn: e.currentTarget.value })}
                  />
                ) : (
                  c.nameEn
                )}
              </Table.Td>
              <Table.Td>
                {editing ? (
                  <ColorInput
                    aria-label={t('assets.settings.colour')}
                    format="hex"
                    value={c.colour}
                    onChange={(x) => setClass(i, { colour: x })}
                    w={130}
                  />
                ) : (
                  c.colour
                )}
              </Table.Td>
              <Table.Td>
                {editing ? (
                  <NumberInput
                    aria-label={t('assets.settings.rank')}
                    min={1}
                    max={9}
                    value={c.rank}
                    onChange={(x) => setClass(i, { rank: Number(x) || 1 })}
                    w={70}
                  />
                ) : (
                  c.rank
                )}
              </Table.Td>
              <Table.Td>
                {editing ? (
                  <Select
                    aria-label={t('assets.settings.blocking')}
                    allowDeselect={false}
                    value={c.partnerBlockingRequests}
                    onChange={(x) =>
                      setClass(i, { partnerBlockingRequests: (x ?? 'none') as AssetClass['partnerBlockingRequests'] })
                    }
                    data={BLOCKING.map((b) => ({ value: b, label: t(`assets.blocking.${b}`) }))}
                  />
                ) : (
                  t(`assets.blocking.${c.partnerBlockingRequests}`)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4}>{t('assets.settings.rules')}</Title>
      <Table data-testid="classification-rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assets.settings.action')}</Table.Th>
            {value.classes.map((c) => (
              <Table.Th key={c.code}>{i18n.language === 'ja' ? c.nameJa : c.nameEn}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {HANDLING_ACTIONS.map((act) => (
            <Table.Tr key={act}>
              <Table.Td>{t(`assets.action.${act}`)}</Table.Td>
              {value.classes.map((c, i) => {
                const r = c.rules[act];
                if (!editing)
                  return (
                    <Table.Td key={c.code} title={i18n.language === 'ja' ? r.noteJa : r.noteEn}>
                      {t(`assets.decision.${r.decision}`)}
                      {r.approvers.length > 0 && ` (${r.approvers.map((x) => t(`assets.approver.${x}`)).join(' → ')})`}
                      {r.conditions.length > 0 && <div>{r.conditions.map((x) => t(`assets.condition.${x}`)).join(', ')}</div>}
                    </Table.Td>
                  );
                return (
                  <Table.Td key={c.code}>
                    <Stack gap={4}>
                      <Select
                        aria-label={`${t(`assets.action.${act}`)} ${c.nameEn}`}
                        allowDeselect={false}
                        value={r.decision}
                        onChange={(x) => setRule(i, act, { decision: (x ?? 'allowed') as typeof r.decision })}
                        data={DECISIONS.map((d) => ({ value: d, label: t(`assets.decision.${d}`) }))}
                      />
                      {r.decision === 'approval' && (
                        <MultiSelect
                          aria-label={t('assets.settings.approvers')}
                          value={r.approvers}
                          onChange={(x) => setRule(i, act, { approvers: x as typeof r.approvers })}
                          data={APPROVERS.map((x) => ({ value: x, label: t(`assets.approver.${x}`) }))}
                        />
                      )}
                      <MultiSelect
                        aria-label={t('assets.settings.conditions')}
                        value={r.conditions}
                        onChange={(x) => setRule(i, act, { conditions: x as typeof r.conditions })}
                        data={CONDITIONS.map((x) => ({ value: x, label: t(`assets.condition.${x}`) }))}
                      />
                    </Stack>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {company ? null : <Title order={4}>{t('assets.settings.history')}</Title>}
      {company ? null : (history.data?.items ?? []).length === 0 ? (
        <Text c="dimmed">{t('assets.settings.noHistory')}</Text>
      ) : (
        <Table data-testid="classification-history">
          <Table.Tbody>
            {history.data!.items.map((h) => (
              <Table.Tr key={h.version}>
                <Table.Td>{h.version}</Table.Td>
                <Table.Td>{formatDateTime(h.changedAt, i18n.language)}</Table.Td>
                <Table.Td>{h.changedByName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
