import { Group, SegmentedControl, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { levelOf } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { ProblemAlert } from '../../components/problem';
import { useHeatmap } from './api';
import { LevelBadge, textOn } from './LevelBadge';

interface Props {
  basis: 'inherent' | 'residual';
  onBasis: (b: 'inherent' | 'residual') => void;
  unitId: string | undefined;
  selected: { likelihood: number; impact: number } | null;
  onSelect: (cell: { likelihood: number; impact: number }) => void;
}

/**
 * The heat map as a real table: likelihood rows (highest on top) and impact columns, each header naming the scale
 * level; each cell coloured by the level the matrix gives it, its count a button that filters the register.
 */
export function HeatmapPanel({ basis, onBasis, unitId, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const map = useHeatmap(basis, unitId);
  const label = (l: { labelJa: string; labelEn: string }) => (i18n.language === 'ja' ? l.labelJa : l.labelEn);
  const m = map.data?.method;
  const count = (l: number, i: number) => map.data?.cells.find((c) => c.likelihood === l && c.impact === i)?.count ?? 0;
  return (
    <Stack gap="xs" data-testid="risk-heatmap">
      <Group justify="space-between">
        <Title order={3}>{t('risks.heatmap.title')}</Title>
        <SegmentedControl
          aria-label={t('risks.heatmap.basis')}
          value={basis}
          onChange={(v) => onBasis(v as 'inherent' | 'residual')}
          data={[
            { value: 'inherent', label: t('risks.heatmap.inherent') },
            { value: 'residual', label: t('risks.heatmap.residual') },
          ]}
          data-testid="heatmap-basis"
        />
      </Group>
      <ProblemAlert error={map.error} />
      {m && (
        <Table withTableBorder withColumnBorders minWidth={480}>
          <Table.Caption>
            {map.data!.methodVersion === 0
              ? t('risks.heatmap.captionDefault')
              : t('risks.heatmap.caption', { version: map.data!.methodVersion })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                {t('risks.heatmap.likelihood')} \ {t('risks.heatmap.impact')}
              </Table.Th>
              {m.impact.map((i) => (
                <Table.Th key={i.value} scope="col">
                  {i.value} {label(i)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...m.likelihood].reverse().map((l) => (
              <Table.Tr key={l.value}>
                <Table.Th scope="row">
                  {l.value} {label(l)}
                </Table.Th>
                {m.impact.map((i) => {
                  const level = levelOf(m, l.value, i.value);
                  const bg = level?.colour ?? '#ffffff';
                  const n = count(l.value, i.value);
                  const on = selected?.likelihood === l.value && selected?.impact === i.value;
                  return (
                    <Table.Td key={i.value} style={{ backgroundColor: bg, color: textOn(bg), padding: 0 }}>
                      <UnstyledButton
                        onClick={() => onSelect({ likelihood: l.value, impact: i.value })}
                        aria-pressed={on}
                        aria-label={t('risks.heatmap.cell', { count: n, likelihood: label(l), impact: label(i) })}
                        data-testid={`heatmap-cell-${l.value}-${i.value}`}
                        style={{
                          display: 'block',
                          width: '100%',
                          padding: '10px 4px',
                          textAlign: 'center',
                          fontWeight: 700,
                          color: 'inherit',
                          outline: on ? `3px solid ${textOn(bg)}` : undefined,
                          outlineOffset: -4,
                        }}
                      >
                        {n}
                      </UnstyledButton>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {map.data && map.data.otherMethods.length > 0 && (
        <Group gap="xs" data-testid="heatmap-other-methods">
          <Text size="sm">{t('risks.heatmap.others')}</Text>
          {map.data.otherMethods.map((o) => (
            <Group key={o.code} gap={4}>
              <LevelBadge level={o} />
              <Text size="sm">{o.count}</Text>
            </Group>
          ))}
        </Group>
      )}
    </Stack>
  );
}
