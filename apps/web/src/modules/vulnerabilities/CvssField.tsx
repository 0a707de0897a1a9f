import { Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { SeverityBadge } from '../psirt/SeverityBadge';
import { scoreVector } from './api';

interface Props {
  version: '3.1' | '4.0';
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  /** the server's error for this field after a save */
  error?: string | undefined;
  testId: string;
}

/**
 * A CVSS vector input, checked as it is typed: the server validates it and computes the score and severity with
 * the library it stores them with, so what is shown is what will be saved.
 */
export function CvssField({ version, value, onChange, disabled, error, testId }: Props) {
  const { t } = useTranslation();
  const [vector] = useDebouncedValue(value.trim(), 300);
  const score = useQuery({
    queryKey: ['cvss-score', vector],
    queryFn: ({ signal }) => scoreVector(vector, signal),
    enabled: vector !== '',
    retry: false,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  const wrongVersion = score.data && vector !== '' && score.data.version !== version;
  const problem =
    error ??
    (vector === ''
      ? undefined
      : wrongVersion
        ? t('psirtCases.triage.wrongVersion', { version })
        : score.error instanceof ApiError
          ? (score.error.fieldErrors().vector ?? score.error.detail)
          : undefined);
  const shown = vector !== '' && !score.isError && !wrongVersion && score.data?.vector === vector ? score.data : undefined;
  return (
    <Stack gap={4} style={{ flex: '1 1 420px' }}>
      <TextInput
        label={`CVSS ${version}`}
        placeholder={version === '3.1' ? 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' : 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/…'}
        description={t('psirtCases.triage.vectorHelp')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        disabled={disabled}
        error={problem}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        rightSection={score.isFetching ? <Loader size="xs" /> : null}
        data-testid={testId}
      />
      {shown && (
        <Group gap={6} wrap="nowrap" data-testid={`${testId}-score`} data-score={shown.score}>
          <Text size="sm">{t('psirtCases.triage.score')}</Text>
          <Text size="sm" fw={700}>
            {shown.score.toFixed(1)}
          </Text>
          <SeverityBadge severity={shown.severity} />
        </Group>
      )}
    </Stack>
  );
}
