import { Alert, Anchor, Badge, Button, Card, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { answerSelfCheck, nameIn, textIn, useSelfCheck, useSelfCheckResults, useSelfChecks, useTrainingMutation } from './api';
import { RateBar } from './RateBar';

/** Self-check campaigns: the ones that ask me, and (readers) every campaign in scope with its results. */
export function SelfChecksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canRead = useCan('training:read');
  const list = useSelfChecks(!canRead);
  return (
    <Stack>
      <Title order={2}>{t('selfChecks.title')}</Title>
      <Text c="dimmed">{t('selfChecks.intro')}</Text>
      <ProblemAlert error={list.error} />
      {(list.data ?? []).map((c) => (
        <Card key={c.id} withBorder>
          <Group justify="space-between" wrap="wrap">
            <Anchor component={Link} to={`/training/self-checks/${c.id}`} fw={600}>
              {textIn(lang, c.titleJa, c.titleEn)}
            </Anchor>
            <Badge color={c.open ? 'blue' : 'gray'}>{c.open ? t('selfChecks.open') : t('selfChecks.closed')}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {c.opensOn} – {c.closesOn} · {c.unit ? nameIn(lang, c.unit.name) : t('selfChecks.wholeGroup')} ·{' '}
            {t('selfChecks.responses', { n: c.responses })}
          </Text>
        </Card>
      ))}
      {list.isSuccess && list.data.length === 0 && <Text c="dimmed">{t('selfChecks.none')}</Text>}
    </Stack>
  );
}

/** One campaign: answer it (once, while open), and its results per unit for readers. */
export function SelfCheckPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canRead = useCan('training:read');
  const q = useSelfCheck(id);
  const results = useSelfCheckResults(id, canRead);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const answer = useTrainingMutation(() =>
    answerSelfCheck(id, { answers: Object.entries(answers).map(([questionId, optionId]) => ({ questionId, optionId })) }),
  );
  if (q.error) return <ProblemAlert error={q.error} />;
  const c = q.data;
  if (!c) return null;
  return (
    <Stack>
      <Title order={2}>{textIn(lang, c.titleJa, c.titleEn)}</Title>
      <Text size="sm" c="dimmed">
        {c.opensOn} – {c.closesOn}
      </Text>
      {answer.data && (
        <Alert color={answer.data.wrong ? 'orange' : 'green'} data-testid="self-check-done">
          {answer.data.wrong
            ? t('selfChecks.wrong', { n: answer.data.wrong, courses: answer.data.followUpCourses })
            : t('selfChecks.allRight')}
        </Alert>
      )}
      {c.answered && !answer.data && <Alert color="green">{t('selfChecks.answered')}</Alert>}
      {!c.answered && c.open && !answer.data && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            answer.mutate(undefined);
          }}
        >
          <Stack maw={760}>
            {c.questions.map((qq, n) => (
              <Card key={qq.id} withBorder>
                <Radio.Group
                  label={`${n + 1}. ${textIn(lang, qq.textJa, qq.textEn)}`}
                  value={answers[qq.id] ?? null}
                  onChange={(v) => setAnswers({ ...answers, [qq.id]: v })}
                >
                  <Stack gap="xs" mt="xs">
                    {qq.options.map((o) => (
                      <Radio key={o.id} value={o.id} label={textIn(lang, o.textJa, o.textEn)} />
                    ))}
                  </Stack>
                </Radio.Group>
              </Card>
            ))}
            <ProblemAlert error={answer.error} />
            <Button type="submit" loading={answer.isPending} disabled={Object.keys(answers).length < c.questions.length}>
              {t('selfChecks.submit')}
            </Button>
          </Stack>
        </form>
      )}
      {canRead && (
        <>
          <Title order={3}>{t('selfChecks.results')}</Title>
          <ProblemAlert error={results.error} />
          <Table striped minWidth={600} data-testid="self-check-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trainingCompletion.unit')}</Table.Th>
                <Table.Th>{t('selfChecks.answeredOf')}</Table.Th>
                <Table.Th>{t('selfChecks.responseRate')}</Table.Th>
                <Table.Th>{t('selfChecks.allRightCount')}</Table.Th>
                <Table.Th>{t('selfChecks.wrongTopics')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(results.data ?? []).map((r) => (
                <Table.Tr key={r.unit.id}>
                  <Table.Td>{nameIn(lang, r.unit.name)}</Table.Td>
                  <Table.Td>
                    {r.answered} / {r.asked}
                  </Table.Td>
                  <Table.Td>
                    <RateBar
                      rate={r.asked ? r.answered / r.asked : 0}
                      label={t('trainingCompletion.rateOf', {
                        unit: nameIn(lang, r.unit.name),
                        rate: r.asked ? Math.round((100 * r.answered) / r.asked) : 0,
                      })}
                    />
                  </Table.Td>
                  <Table.Td>{r.allRight}</Table.Td>
                  <Table.Td>
                    {Object.entries(r.wrongByTopic)
                      .map(([k, v]) => `${t(`selfChecks.topics.${k}`)} ${v}`)
                      .join('、 ') || '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
