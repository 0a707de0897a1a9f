import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { Quiz, QuizQuestion } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';

/** The quiz's limits, as the contract states them (packages/contracts/src/training.ts). */
const MAX_QUESTIONS = 50;
const MAX_OPTIONS = 8;
const MIN_OPTIONS = 2;

type Option = QuizQuestion['options'][number];

/** The first id of the form `<prefix><n>` not taken yet: ids stay stable, so answers already given keep their meaning. */
function freshId(prefix: string, taken: { id: string }[]): string {
  const used = new Set(taken.map((x) => x.id));
  for (let n = taken.length + 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

const emptyOption = (taken: Option[]): Option => ({ id: freshId('o', taken), textJa: '', textEn: '', correct: false });

const emptyQuestion = (taken: QuizQuestion[]): QuizQuestion => {
  const first = emptyOption([]);
  return { id: freshId('q', taken), kind: 'single', textJa: '', textEn: '', options: [first, emptyOption([first])] };
};

export const emptyQuiz = (): Quiz => ({ passMark: 80, randomOrder: false, maxAttempts: null, questions: [emptyQuestion([])] });

/** Moves item `i` by `by` (-1 up, +1 down) in a copy of the list. */
function moved<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

interface Props {
  value: Quiz | null;
  onChange: (quiz: Quiz | null) => void;
  /** the server's refusal of a field, by path under the course (`content.quiz.questions.0.textJa`) */
  error: (path: string) => string | undefined;
}

/**
 * The quiz of a course version as a form: pass mark, random order, retries, then each question with its texts in
 * Japanese and English and its options, the right ones ticked. The server checks it again on save (an unanswerable
 * question is refused naming its field) and the refusals are shown on the field they name.
 */
export function QuizEditor({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const base = 'content.quiz';
  if (!value)
    return <Switch label={t('courses.quizOn')} checked={false} onChange={() => onChange(emptyQuiz())} data-testid="quiz-on" />;
  const setQuestion = (i: number, q: QuizQuestion) =>
    onChange({ ...value, questions: value.questions.map((x, k) => (k === i ? q : x)) });
  return (
    <Stack gap="sm" data-testid="quiz-editor">
      <Switch label={t('courses.quizOn')} checked onChange={() => onChange(null)} data-testid="quiz-on" />
      <Group grow wrap="wrap" align="flex-start">
        <NumberInput
          label={t('courses.passMark')}
          value={value.passMark}
          onChange={(v) => onChange({ ...value, passMark: typeof v === 'number' ? v : 0 })}
          min={1}
          max={100}
          suffix=" %"
          error={error(`${base}.passMark`)}
          data-testid="quiz-pass-mark"
          miw={140}
        />
        <NumberInput
          label={t('courses.maxAttempts')}
          description={t('courses.maxAttemptsHelp')}
          value={value.maxAttempts ?? ''}
          onChange={(v) => onChange({ ...value, maxAttempts: typeof v === 'number' ? v : null })}
          min={1}
          max={20}
          error={error(`${base}.maxAttempts`)}
          data-testid="quiz-max-attempts"
          miw={140}
        />
      </Group>
      <Checkbox
        label={t('courses.randomOrder')}
        checked={value.randomOrder}
        onChange={(e) => onChange({ ...value, randomOrder: e.currentTarget.checked })}
        data-testid="quiz-random"
      />
      {error(`${base}.questions`) && (
        <Text c="red" size="sm">
          {error(`${base}.questions`)}
        </Text>
      )}
      {value.questions.map((q, i) => (
        <QuestionCard
          key={q.id}
          q={q}
          index={i}
          count={value.questions.length}
          path={`${base}.questions.${i}`}
          error={error}
          onChange={(next) => setQuestion(i, next)}
          onMove={(by) => onChange({ ...value, questions: moved(value.questions, i, by) })}
          onRemove={() => onChange({ ...value, questions: value.questions.filter((_, k) => k !== i) })}
        />
      ))}
      <Group>
        <Button
          variant="light"
          disabled={value.questions.length >= MAX_QUESTIONS}
          onClick={() => onChange({ ...value, questions: [...value.questions, emptyQuestion(value.questions)] })}
          data-testid="quiz-add-question"
        >
          {t('courses.addQuestion')}
        </Button>
      </Group>
    </Stack>
  );
}

interface QuestionProps {
  q: QuizQuestion;
  index: number;
  count: number;
  path: string;
  error: (path: string) => string | undefined;
  onChange: (q: QuizQuestion) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}

function QuestionCard({ q, index, count, path, error, onChange, onMove, onRemove }: QuestionProps) {
  const { t } = useTranslation();
  const n = index + 1;
  const setOption = (j: number, o: Option) => onChange({ ...q, options: q.options.map((x, k) => (k === j ? o : x)) });
  /** A single-choice question keeps one right option: ticking one unticks the others. */
  const tick = (j: number, checked: boolean) =>
    onChange({
      ...q,
      options: q.options.map((o, k) =>
        k === j ? { ...o, correct: checked } : q.kind === 'single' && checked ? { ...o, correct: false } : o,
      ),
    });
  const setKind = (kind: QuizQuestion['kind']) => {
    const first = q.options.findIndex((o) => o.correct);
    onChange({ ...q, kind, options: kind === 'single' ? q.options.map((o, k) => ({ ...o, correct: k === first })) : q.options });
  };
  const optionsError = error(`${path}.options`);
  return (
    <Card withBorder padding="sm" data-testid="quiz-question">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>{t('courses.questionN', { n })}</Text>
          <Group gap={4}>
            <ActionIcon
              variant="subtle"
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={t('courses.moveUpQuestion', { n })}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              aria-label={t('courses.moveDownQuestion', { n })}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              disabled={count <= 1}
              onClick={onRemove}
              aria-label={t('courses.removeQuestion', { n })}
            >
              ×
            </ActionIcon>
          </Group>
        </Group>
        <SegmentedControl
          value={q.kind}
          onChange={(v) => setKind(v as QuizQuestion['kind'])}
          data={[
            { value: 'single', label: t('courses.kindSingle') },
            { value: 'multiple', label: t('courses.kindMultiple') },
          ]}
          aria-label={t('courses.kind')}
        />
        <Textarea
          label={t('courses.questionJa')}
          value={q.textJa}
          onChange={(e) => onChange({ ...q, textJa: e.currentTarget.value })}
          error={error(`${path}.textJa`)}
          autosize
          minRows={1}
          required
        />
        <Textarea
          label={t('courses.questionEn')}
          value={q.textEn}
          onChange={(e) => onChange({ ...q, textEn: e.currentTarget.value })}
          error={error(`${path}.textEn`)}
          autosize
          minRows={1}
          required
        />
        <Text size="sm" c="dimmed">
          {t(q.kind === 'single' ? 'courses.tickOne' : 'courses.tickSome')}
        </Text>
        {q.options.map((o, j) => (
          <OptionRow
            key={o.id}
            o={o}
            q={n}
            index={j}
            single={q.kind === 'single'}
            count={q.options.length}
            path={`${path}.options.${j}`}
            error={error}
            onChange={(next) => setOption(j, next)}
            onTick={(checked) => tick(j, checked)}
            onMove={(by) => onChange({ ...q, options: moved(q.options, j, by) })}
            onRemove={() => onChange({ ...q, options: q.options.filter((_, k) => k !== j) })}
          />
        ))}
        {optionsError && (
          <Text c="red" size="sm" data-testid="quiz-options-error">
            {optionsError}
          </Text>
        )}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            disabled={q.options.length >= MAX_OPTIONS}
            onClick={() => onChange({ ...q, options: [...q.options, emptyOption(q.options)] })}
            data-testid="quiz-add-option"
          >
            {t('courses.addOption')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

interface OptionProps {
  o: Option;
  q: number;
  index: number;
  single: boolean;
  count: number;
  path: string;
  error: (path: string) => string | undefined;
  onChange: (o: Option) => void;
  onTick: (checked: boolean) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}

function OptionRow({ o, q, index, single, count, path, error, onChange, onTick, onMove, onRemove }: OptionProps) {
  const { t } = useTranslation();
  const n = index + 1;
  const label = t('courses.rightOption', { q, n });
  const Tick = single ? Radio : Checkbox;
  return (
    <Group align="flex-start" wrap="nowrap" gap="xs" data-testid="quiz-option">
      <Tick mt={30} checked={o.correct} onChange={(e) => onTick(e.currentTarget.checked)} aria-label={label} />
      <Group grow wrap="wrap" gap="xs" style={{ flex: 1, minWidth: 0 }} align="flex-start">
        <TextInput
          label={t('courses.optionJa', { n })}
          value={o.textJa}
          onChange={(e) => onChange({ ...o, textJa: e.currentTarget.value })}
          error={error(`${path}.textJa`)}
          miw={160}
        />
        <TextInput
          label={t('courses.optionEn', { n })}
          value={o.textEn}
          onChange={(e) => onChange({ ...o, textEn: e.currentTarget.value })}
          error={error(`${path}.textEn`)}
          miw={160}
        />
      </Group>
      <Stack gap={0} mt={24}>
        <ActionIcon
          size="sm"
          variant="subtle"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={t('courses.moveUpOption', { q, n })}
        >
          ↑
        </ActionIcon>
        <ActionIcon
          size="sm"
          variant="subtle"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t('courses.moveDownOption', { q, n })}
        >
          ↓
        </ActionIcon>
        <ActionIcon
          size="sm"
          variant="subtle"
          color="red"
          disabled={count <= MIN_OPTIONS}
          onClick={onRemove}
          aria-label={t('courses.removeOption', { q, n })}
        >
          ×
        </ActionIcon>
      </Stack>
    </Group>
  );
}
