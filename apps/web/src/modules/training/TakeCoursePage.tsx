import { Alert, Anchor, Button, Card, Checkbox, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { completeCourse, submitAttempt, textIn, useAssignment, useTrainingMutation } from './api';
import { Markdown } from '../../components/Markdown';

/** Taking a course: its text, video link and PDF, then its quiz (scored by the server), or "I have read it". */
export function TakeCoursePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useAssignment(id);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const submit = useTrainingMutation(() =>
    submitAttempt(id, { answers: Object.entries(answers).map(([questionId, optionIds]) => ({ questionId, optionIds })) }),
  );
  const complete = useTrainingMutation(() => completeCourse(id));
  if (q.error) return <ProblemAlert error={q.error} />;
  const a = q.data;
  if (!a) return null;
  const c = a.content;
  const result = submit.data ?? a.lastAttempt;
  const passed = a.status === 'passed' || submit.data?.passed;
  const wrong = new Set((result?.results ?? []).filter((r) => !r.correct).map((r) => r.questionId));
  const set = (qid: string, ids: string[]) => setAnswers((s) => ({ ...s, [qid]: ids }));
  return (
    <Stack maw={760}>
      <Title order={2}>{textIn(lang, c.titleJa, c.titleEn)}</Title>
      <Text size="sm" c="dimmed">
        {t('trainingPage.dueOn', { date: a.dueOn })} · {t('trainingPage.versionN', { n: c.version })}
      </Text>
      <Card withBorder>
        <Markdown
          text={textIn(lang, c.bodyJa, c.bodyEn)}
          testId="course-body"
          imageSrc={(name) => buildUrl(`/courses/${a.course.id}/images/${name}`)}
        />
        {c.videoUrl && (
          <Anchor href={c.videoUrl} target="_blank" rel="noopener noreferrer">
            {t('trainingPage.video')}
          </Anchor>
        )}
        {c.hasAttachment && (
          <Anchor href={buildUrl(`/training-assignments/${id}/attachment`)}>{t('trainingPage.attachment')}</Anchor>
        )}
      </Card>
      {passed && (
        <Alert color="green" title={t('trainingPage.passed')} data-testid="course-passed">
          <Group gap="md">
            {result && <Text>{t('trainingPage.score', { score: result.score })}</Text>}
            <Anchor href={buildUrl(`/training-assignments/${id}/certificate`, { lang: lang === 'ja' ? 'ja' : 'en' })}>
              {t('trainingPage.certificate')}
            </Anchor>
          </Group>
        </Alert>
      )}
      {!passed && c.quiz && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate(undefined);
          }}
        >
          <Stack>
            <Title order={3}>{t('trainingPage.quiz', { mark: c.quiz.passMark })}</Title>
            {result && !result.passed && (
              <Alert color="red" data-testid="quiz-failed">
                {t('trainingPage.notPassed', { score: result.score, mark: c.quiz.passMark })}
              </Alert>
            )}
            {c.quiz.questions.map((qq, n) => {
              const label = `${n + 1}. ${textIn(lang, qq.textJa, qq.textEn)}`;
              const options = qq.options.map((o) => ({ value: o.id, label: textIn(lang, o.textJa, o.textEn) }));
              return (
                <Card
                  key={qq.id}
                  withBorder
                  data-testid="quiz-question"
                  style={wrong.has(qq.id) ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
                >
                  {qq.kind === 'single' ? (
                    <Radio.Group label={label} value={answers[qq.id]?.[0] ?? null} onChange={(v) => set(qq.id, [v])}>
                      <Stack gap="xs" mt="xs">
                        {options.map((o) => (
                          <Radio key={o.value} value={o.value} label={o.label} />
                        ))}
                      </Stack>
                    </Radio.Group>
                  ) : (
                    <Checkbox.Group
                      label={label}
                      description={t('trainingPage.chooseAll')}
                      value={answers[qq.id] ?? []}
                      onChange={(v) => set(qq.id, v)}
                    >
                      <Stack gap="xs" mt="xs">
                        {options.map((o) => (
                          <Checkbox key={o.value} value={o.value} label={o.label} />
                        ))}
                      </Stack>
                    </Checkbox.Group>
                  )}
                </Card>
              );
            })}
            <ProblemAlert error={submit.error} />
            <Button type="submit" loading={submit.isPending} data-testid="quiz-submit">
              {t('trainingPage.submit')}
            </Button>
          </Stack>
        </form>
      )}
      {!passed && !c.quiz && (
        <>
          <ProblemAlert error={complete.error} />
          <Button onClick={() => complete.mutate(undefined)} loading={complete.isPending} data-testid="course-complete">
            {t('trainingPage.read')}
          </Button>
        </>
      )}
    </Stack>
  );
}
