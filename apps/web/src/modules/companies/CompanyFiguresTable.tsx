import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fiscalYearLabel, type GroupOverview } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { DrillLink } from '../reports/DrillLink';

export const useGroupOverview = () =>
  useQuery({ queryKey: ['companies', 'group-overview'], queryFn: () => api<GroupOverview>('/group-overview') });

const format = (unit: string, v: number | null, lang: string) =>
  v === null ? '—' : `${v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB')}${unit === 'percent' ? '%' : ''}`;

/**
 * The dashboard's figures, one column per company (issue #22): each number is the figure's own definition on the
 * company's subtree, so a company's column includes its affiliates and the holding's is the group. A cell's title
 * lists the breakdown behind the number.
 */
export function CompanyFiguresTable() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const name = useLocalName();
  const q = useGroupOverview();
  const o = q.data;
  return (
    <Stack gap="xs" mt="md">
      <Title order={3}>{t('companies.figuresTable.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('companies.figuresTable.intro')}
      </Text>
      <ProblemAlert error={q.error} />
      {o && o.companies.length > 0 && (
        <Table minWidth={200 + 140 * o.companies.length} striped data-testid="company-figures">
          <Table.Caption>
            {t('companies.figuresTable.asOf', {
              fiscalYear: fiscalYearLabel(o.fiscalYear, lang),
              time: new Date(o.asOf).toLocaleTimeString(lang === 'ja' ? 'ja-JP' : 'en-GB'),
            })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('companies.figuresTable.figure')}</Table.Th>
              {o.companies.map((c) => (
                <Table.Th scope="col" key={c.unitId} ta="right">
                  {name(c)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.figures.map((f) => (
              <Table.Tr key={f.source} data-testid={`company-figure-${f.source}`}>
                <Table.Th scope="row" fw={400}>
                  {f.href ? <DrillLink href={f.href}>{f.title[lang]}</DrillLink> : f.title[lang]}
                </Table.Th>
                {f.companies.map((c) => (
                  <Table.Td
                    key={c.unitId}
                    ta="right"
                    title={c.rows.map((r) => `${r.label[lang]}: ${r.values.join(' / ')}`).join('\n')}
                  >
                    {format(f.unit, c.value, lang)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
