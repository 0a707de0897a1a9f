import { SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { useSupplierMatches } from './api';
import { MatchTable } from './parts';

/** Suggested cases from suppliers' advisories in the reader's scope, to accept or dismiss. */
export function SupplierMatchesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState('suggested');
  const q = useSupplierMatches(state === 'all' ? '' : state);
  return (
    <Stack>
      <Title order={2}>{t('supplierAdvisories.matchesTitle')}</Title>
      <Text size="sm">{t('supplierAdvisories.matchesIntro')}</Text>
      <SegmentedControl
        value={state}
        onChange={setState}
        data={['suggested', 'accepted', 'dismissed', 'resolved', 'all'].map((s) => ({
          value: s,
          label: s === 'all' ? t('supplierAdvisories.all') : t(`supplierAdvisories.state.${s}`),
        }))}
        style={{ flexWrap: 'wrap' }}
      />
      <ProblemAlert error={q.error} />
      {q.data && <MatchTable matches={q.data.items} />}
    </Stack>
  );
}
