import { Anchor, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { nameIn, useCompletion, useCourses } from './api';
import { RateBar } from './RateBar';

/** Completion and quiz scores per site or per unit (each unit's whole subtree), in the reader's scope. */
export function CompletionPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [by, setBy] = useState<'unit' | 'site'>('unit');
  const [courseId, setCourseId] = useState<string | null>(null);
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const unitId = trail.at(-1)?.id;
  const canManage = useCan('training:manage');
  const courses = useCourses();
  const q = useCompletion({ by, courseId: courseId ?? undefined, unitId: by === 'unit' ? unitId : undefined });
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('trainingCompletion.title')}</Title>
        <Group gap="md">
          <Anchor component={Link} to="/training/pledges">
            {t('trainingCompletion.pledges')}
          </Anchor>
          <Anchor component={Link} to="/training/self-checks">
            {t('trainingCompletion.selfChecks')}
          </Anchor>
        </Group>
      </Group>
      <Group wrap="wrap">
        <SegmentedControl
          value={by}
          onChange={(v) => {
            setBy(v as 'unit' | 'site');
            setTrail([]);
          }}
          data={[
            { value: 'unit', label: t('trainingCompletion.byUnit') },
            { value: 'site', label: t('trainingCompletion.bySite') },
          ]}
        />
        {canManage && (
          <Select
            aria-label={t('trainingCompletion.course')}
            placeholder={t('trainingCompletion.allCourses')}
            clearable
            value={courseId}
            onChange={setCourseId}
            data={(courses.data ?? []).map((c) => ({ value: c.id, label: lang === 'ja' ? c.titleJa : c.titleEn }))}
          />
        )}
      </Group>
      {trail.length > 0 && (
        <Group gap="xs">
          <Anchor component="button" onClick={() => setTrail([])}>
            {t('trainingCompletion.top')}
          </Anchor>
          {trail.map((u, i) => (
            <Anchor key={u.id} component="button" onClick={() => setTrail(trail.slice(0, i + 1))}>
              / {u.name}
            </Anchor>
          ))}
        </Group>
      )}
      <ProblemAlert error={q.error} />
      {q.data && (
        <Text data-testid="completion-total">
          {t('trainingCompletion.total', {
            passed: q.data.total.passed,
            assigned: q.data.total.assigned,
            rate: Math.round(q.data.total.rate * 100),
            overdue: q.data.total.overdue,
          })}
        </Text>
      )}
      <Table striped data-testid="completion-table" minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('trainingCompletion.unit')}</Table.Th>
            <Table.Th>{t('trainingCompletion.passedOf')}</Table.Th>
            <Table.Th>{t('trainingCompletion.rate')}</Table.Th>
            <Table.Th>{t('trainingCompletion.overdue')}</Table.Th>
            <Table.Th>{t('trainingCompletion.averageScore')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(q.data?.rows ?? []).map((r) => (
            <Table.Tr key={r.unit.id} data-testid="completion-row">
              <Table.Td>
                {by === 'unit' ? (
                  <Anchor
                    component="button"
                    onClick={() => setTrail([...trail, { id: r.unit.id, name: nameIn(lang, r.unit.name) }])}
                  >
                    {nameIn(lang, r.unit.name)}
                  </Anchor>
                ) : (
                  nameIn(lang, r.unit.name)
                )}
              </Table.Td>
              <Table.Td>
                {r.passed} / {r.assigned}
              </Table.Td>
              <Table.Td>
                <RateBar
                  rate={r.rate}
                  label={t('trainingCompletion.rateOf', { unit: nameIn(lang, r.unit.name), rate: Math.round(r.rate * 100) })}
                />
              </Table.Td>
              <Table.Td>{r.overdue}</Table.Td>
              <Table.Td>{r.averageScore ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {q.isSuccess && q.data.rows.length === 0 && <Text c="dimmed">{t('trainingCompletion.none')}</Text>}
    </Stack>
  );
}
