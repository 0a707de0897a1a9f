import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem';

/** The server's refusal with every reason it gave (e.g. the clocks not yet met when closing). */
export function Refusal({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError) || error.errors.length === 0) return <ProblemAlert error={error} testId={testId} />;
  return (
    <Alert color="red" title={t(`problems.${error.code}`, { defaultValue: t('problems.generic') })} data-testid={testId}>
      {error.detail}
      <List size="sm" mt="xs">
        {error.errors.map((e, i) => (
          <List.Item key={i}>
            {e.path.replace(/^body\./, '')}: {ApiError.errorText(e)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
