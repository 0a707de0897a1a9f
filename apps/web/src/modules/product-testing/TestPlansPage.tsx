import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { AnchorLink } from '../products/AnchorLink';
import { Table } from '../../components/Table';
import { useTestPlans } from './api';

/** Every security test plan in the reader's scope, by product and release. */
export function TestPlansPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const plans = useTestPlans();
  return (
    <Stack>
      <Title order={2}>{t('testing.list.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('testing.list.help')}
      </Text>
      <ProblemAlert error={plans.error} />
      {plans.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('testing.list.none')}
        </Text>
      )}
      {plans.data && plans.data.items.length > 0 && (
        <Table data-testid="test-plans">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('testing.fields.plan')}</Table.Th>
              <Table.Th>{t('testing.fields.release')}</Table.Th>
              <Table.Th>{t('testing.fields.methods')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plans.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <AnchorLink to="/test-plans/$id" params={{ id: p.id }} data-testid="test-plan-link">
                    {p.title}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  {p.productCode} {localName({ nameJa: p.productNameJa, nameEn: p.productNameEn })} {p.releaseVersion}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {p.methods.map((m) => (
                      <Badge key={m} size="sm" variant="light">
                        {t(`testing.method.${m}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
