import { Badge, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ANSWER_VALUES, type AnswerItem, type AnswerValue } from './api';

export interface Draft {
  value: AnswerValue | null;
  reason: string;
  comment: string;
}

interface Props {
  item: AnswerItem;
  draft: Draft;
  readOnly: boolean;
  onChange: (requirementId: string, draft: Draft) => void;
}

/** One requirement of the check sheet: its text, the four answers, the N/A reason and a comment. */
export const RequirementAnswer = memo(function RequirementAnswer({ item, draft, readOnly, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const id = item.requirementId;
  return (
    <Stack gap={4} py="xs" data-testid={`requirement-${id}`} data-value={draft.value ?? ''}>
      <Group gap="xs">
        <Text fw={600} size="sm">
          {id}
        </Text>
        {item.critical && (
          <Badge color="red" size="xs">
            {t('partners.answer.critical')}
          </Badge>
        )}
      </Group>
      {item.stem && (
        <Text size="sm" c="dimmed">
          {item.stem[lang]}
        </Text>
      )}
      <Text size="sm">{item.text[lang]}</Text>
      <Radio.Group value={draft.value} onChange={(v) => onChange(id, { ...draft, value: v as AnswerValue })} readOnly={readOnly}>
        <Group gap="md">
          {ANSWER_VALUES.map((v) => (
            <Radio
              key={v}
              value={v}
              label={t(`partners.answerValue.${v}`)}
              disabled={readOnly}
              data-testid={`answer-${id}-${v}`}
            />
          ))}
        </Group>
      </Radio.Group>
      {draft.value === 'not_applicable' && (
        <TextInput
          label={t('partners.answer.reason')}
          required
          value={draft.reason}
          readOnly={readOnly}
          onChange={(e) => onChange(id, { ...draft, reason: e.currentTarget.value })}
          data-testid={`reason-${id}`}
        />
      )}
      <Textarea
        placeholder={t('partners.answer.comment')}
        autosize
        minRows={1}
        value={draft.comment}
        readOnly={readOnly}
        onChange={(e) => onChange(id, { ...draft, comment: e.currentTarget.value })}
        data-testid={`comment-${id}`}
      />
    </Stack>
  );
});
