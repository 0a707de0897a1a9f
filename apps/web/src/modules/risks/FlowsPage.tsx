import { Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { createFlow, useFlows, useRiskMutation } from './api';

/** The business-flow analyses in the manager's scope, and a form to start a new one. */
export function FlowsPage() {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const navigate = useNavigate();
  const list = useFlows();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [flowName, setFlowName] = useState('');
  const create = useRiskMutation(() => createFlow({ unitId: unitId ?? '', name: flowName }));
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Stack>
      <Title order={2}>{t('risks.flows.title')}</Title>
      <ProblemAlert error={list.error ?? create.error} />
      <Table striped highlightOnHover data-testid="flows-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('risks.flows.name')}</Table.Th>
            <Table.Th>{t('risks.field.unit')}</Table.Th>
            <Table.Th>{t('risks.flows.steps')}</Table.Th>
            <Table.Th>{t('risks.method.changedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <Anchor component={Link} to={`/business-flows/${f.id}`} data-testid="flow-link">
                  {f.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{name({ nameJa: f.unitNameJa, nameEn: f.unitName })}</Table.Td>
              <Table.Td>{f.stepCount}</Table.Td>
              <Table.Td>{formatDateTime(f.updatedAt, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('risks.flows.none')}</Text>}
      <LoadMore
        shown={list.items.length}
        total={list.total}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={list.loadMore}
      />
      <Card withBorder maw={640}>
        <Stack>
          <Title order={3}>{t('risks.flows.new')}</Title>
          <OrgUnitSelect
            label={t('risks.field.unit')}
            required
            value={unitId}
            onChange={setUnitId}
            error={errors.unitId}
            testId="flow-unit"
          />
          <TextInput
            label={t('risks.flows.name')}
            required
            value={flowName}
            onChange={(e) => setFlowName(e.currentTarget.value)}
            error={errors.name}
            data-testid="flow-name"
          />
          <Group>
            <Button
              onClick={() =>
                create.mutate(undefined, { onSuccess: (f) => void navigate({ to: '/business-flows/$id', params: { id: f.id } }) })
              }
              loading={create.isPending}
              data-testid="flow-create"
            >
              {t('risks.flows.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
