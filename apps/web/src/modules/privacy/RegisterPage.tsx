import { Anchor, Badge, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { ProblemAlert } from '../../components/problem';
import { buildUrl } from '../../api/client';
import { useActivities } from './api';

/** The personal-data register (個人情報取扱台帳) in the reader's scope: search, review due, export. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('privacy:manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [reviewDue, setReviewDue] = useState(false);
  const list = useActivities(q, reviewDue);
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  return (
    <Stack>
      <Title order={2}>{t('privacy.register.title')}</Title>
      <Text c="dimmed">{t('privacy.register.intro')}</Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('privacy.register.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="register-search"
        />
        <Checkbox
          label={t('privacy.register.reviewDue')}
          checked={reviewDue}
          onChange={(e) => setReviewDue(e.currentTarget.checked)}
        />
        <Button
          component="a"
          variant="default"
          href={buildUrl('/processing-activities/export.xlsx', { q, lang, reviewDue: reviewDue ? 'true' : undefined })}
        >
          {t('privacy.register.export')}
        </Button>
        {canManage && (
          <Button component={Link} to="/privacy/register/new" data-testid="register-new">
            {t('privacy.register.new')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={list.error} />
      <Table striped data-testid="register-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('privacy.fields.service')}</Table.Th>
            <Table.Th>{t('privacy.fields.unit')}</Table.Th>
            <Table.Th>{t('privacy.fields.subjectCount')}</Table.Th>
            <Table.Th>{t('privacy.fields.laws')}</Table.Th>
            <Table.Th>{t('privacy.fields.reviewDueOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((a) => (
            <Table.Tr key={a.id} data-testid="register-row">
              <Table.Td>
                <Anchor component={Link} to={`/privacy/register/${a.id}`}>
                  {a.service}
                </Anchor>{' '}
                {a.specialCare && (
                  <Badge color="red" size="xs">
                    {t('privacy.register.specialCare')}
                  </Badge>
                )}{' '}
                {a.myNumber && (
                  <Badge color="grape" size="xs">
                    {t('privacy.register.myNumber')}
                  </Badge>
                )}{' '}
                {a.transferCountries.length > 0 && (
                  <Badge color="blue" size="xs">
                    {t('privacy.register.transfers', { countries: a.transferCountries.join(', ') })}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{a.unitName[lang]}</Table.Td>
              <Table.Td>{a.subjectCount ?? '—'}</Table.Td>
              <Table.Td>{a.laws.map((l) => l.toUpperCase()).join(', ')}</Table.Td>
              <Table.Td>{a.reviewDueOn}</Table.Td>
            </Table.Tr>
          ))}
          {list.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed">{t('privacy.register.none')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
