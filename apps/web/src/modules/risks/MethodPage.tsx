import { Button, Card, ColorInput, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { RiskMethod, ScaleLevel } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/useCan';
import { formatDateTime } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { type MethodSetting, saveMethod, useMethod, useMethodHistory, useRiskMutation } from './api';
import { LevelBadge } from './LevelBadge';

/** The group's risk method: scales, levels, matrix and threshold, editable by the security office (isms:configure). */
export function MethodPage() {
  const current = useMethod();
  if (current.error) return <ProblemAlert error={current.error} />;
  if (!current.data) return null;
  return <MethodEditor key={current.data.version} setting={current.data} />;
}

const resize = (scale: ScaleLevel[], n: number): ScaleLevel[] =>
  Array.from(
    { length: n },
    (_, i) => scale[i] ?? { value: i + 1, labelJa: `${i + 1}`, labelEn: `${i + 1}`, descriptionJa: '', descriptionEn: '' },
  );

function MethodEditor({ setting }: { setting: MethodSetting }) {
  const { t, i18n } = useTranslation();
  /** where the method in force comes from, in the reader's words: built-in, the group's, or a company's own */
  const scopeLabel = (scope: string) => t(`risks.method.scopes.${scope === 'default' || scope === 'group' ? scope : 'company'}`);
  const canConfigure = useCan('isms:configure');
  const history = useMethodHistory();
  const [m, setM] = useState<RiskMethod>(setting.value);
  const save = useRiskMutation(() => saveMethod(m, setting.version));
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const top = m.levels[m.levels.length - 1]!.code;
  const setSize = (axis: 'likelihood' | 'impact', n: number) =>
    setM((x) => {
      const next = { ...x, [axis]: resize(x[axis], n) };
      next.matrix = Array.from({ length: next.likelihood.length }, (_, l) =>
        Array.from({ length: next.impact.length }, (_, i) => x.matrix[l]?.[i] ?? top),
      );
      return next;
    });
  const editScale = (axis: 'likelihood' | 'impact', i: number, patch: Partial<ScaleLevel>) =>
    setM((x) => ({ ...x, [axis]: x[axis].map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const levelOptions = m.levels.map((l) => ({ value: l.code, label: i18n.language === 'ja' ? l.labelJa : l.labelEn }));
  const readOnly = !canConfigure;

  const scaleCard = (axis: 'likelihood' | 'impact') => (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={3}>{t(`risks.method.${axis}`)}</Title>
          <Select
            label={t('risks.method.size')}
            value={String(m[axis].length)}
            onChange={(v) => setSize(axis, Number(v ?? 3))}
            data={['3', '4', '5']}
            w={120}
            readOnly={readOnly}
            data-testid={`method-${axis}-size`}
          />
        </Group>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('risks.method.value')}</Table.Th>
              <Table.Th>{t('risks.method.labelJa')}</Table.Th>
              <Table.Th>{t('risks.method.labelEn')}</Table.Th>
              <Table.Th>{t('risks.method.descriptionJa')}</Table.Th>
              <Table.Th>{t('risks.method.descriptionEn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m[axis].map((s, i) => (
              <Table.Tr key={s.value}>
                <Table.Td>{s.value}</Table.Td>
                {(['labelJa', 'labelEn', 'descriptionJa', 'descriptionEn'] as const).map((f) => (
                  <Table.Td key={f}>
                    <TextInput
                      aria-label={`${t(`risks.method.${f}`)} ${s.value}`}
                      value={s[f]}
                      onChange={(e) => editScale(axis, i, { [f]: e.currentTarget.value })}
                      error={errors[`${axis}.${i}.${f}`]}
                      readOnly={readOnly}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('risks.method.title')}</Title>
      <Text>{t('risks.method.help')}</Text>
      <Text size="sm" data-testid="method-version">
        {t('risks.method.version', { version: setting.version, scope: scopeLabel(setting.scope) })}
      </Text>
      <ProblemAlert error={save.error} />
      {scaleCard('likelihood')}
      {scaleCard('impact')}
      <Card withBorder>
        <Stack>
          <Title order={3}>{t('risks.method.levels')}</Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('risks.method.code')}</Table.Th>
                <Table.Th>{t('risks.method.labelJa')}</Table.Th>
                <Table.Th>{t('risks.method.labelEn')}</Table.Th>
                <Table.Th>{t('risks.method.colour')}</Table.Th>
                <Table.Th>{t('risks.field.level')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {m.levels.map((l, i) => {
                const edit = (patch: Partial<typeof l>) =>
                  setM((x) => ({ ...x, levels: x.levels.map((y, j) => (j === i ? { ...y, ...patch } : y)) }));
                return (
                  <Table.Tr key={l.code}>
                    <Table.Td>{l.code}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${t('risks.method.labelJa')} ${l.code}`}
                        value={l.labelJa}
                        onChange={(e) => edit({ labelJa: e.currentTarget.value })}
                        readOnly={readOnly}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${t('risks.method.labelEn')} ${l.code}`}
                        value={l.labelEn}
                        onChange={(e) => edit({ labelEn: e.currentTarget.value })}
                        readOnly={readOnly}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ColorInput
                        aria-label={`${t('risks.method.colour')} ${l.code}`}
                        value={l.colour}
                        onChange={(v) => edit({ colour: v })}
                        format="hex"
                        withEyeDropper={false}
                        readOnly={readOnly}
                        w={140}
                      />
                    </Table.Td>
                    <Table.Td>
                      <LevelBadge level={l} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Title order={3}>{t('risks.method.matrix')}</Title>
          <Table withColumnBorders data-testid="method-matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  {t('risks.heatmap.likelihood')} \ {t('risks.heatmap.impact')}
                </Table.Th>
                {m.impact.map((i) => (
                  <Table.Th key={i.value} scope="col">
                    {i.value}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...m.likelihood].reverse().map((l) => (
                <Table.Tr key={l.value}>
                  <Table.Th scope="row">{l.value}</Table.Th>
                  {m.impact.map((i) => (
                    <Table.Td key={i.value}>
                      <Select
                        aria-label={`${t('risks.heatmap.likelihood')} ${l.value} × ${t('risks.heatmap.impact')} ${i.value}`}
                        value={m.matrix[l.value - 1]?.[i.value - 1] ?? null}
                        onChange={(v) =>
                          setM((x) => ({
                            ...x,
                            matrix: x.matrix.map((row, r) =>
                              r === l.value - 1 ? row.map((c, k) => (k === i.value - 1 ? (v ?? c) : c)) : row,
                            ),
                          }))
                        }
                        data={levelOptions}
                        error={errors[`matrix.${l.value - 1}.${i.value - 1}`]}
                        readOnly={readOnly}
                        w={130}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Select
            label={t('risks.method.acceptUpTo')}
            value={m.acceptUpTo}
            onChange={(v) => setM((x) => ({ ...x, acceptUpTo: v ?? x.acceptUpTo }))}
            data={levelOptions}
            error={errors.acceptUpTo}
            readOnly={readOnly}
            w={220}
          />
        </Stack>
      </Card>
      {canConfigure && (
        <Group>
          <Button
            onClick={() => save.mutate(undefined, { onSuccess: () => notifySuccess(t('risks.method.saved')) })}
            loading={save.isPending}
            data-testid="method-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
      <Card withBorder>
        <Stack gap="xs">
          <Title order={3}>{t('risks.method.history')}</Title>
          {(history.data ?? []).map((h) => (
            <Text key={h.version} size="sm">
              {t('risks.method.version', { version: h.version, scope: scopeLabel(setting.scope) })} ·{' '}
              {formatDateTime(h.changedAt, i18n.language)}
            </Text>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
