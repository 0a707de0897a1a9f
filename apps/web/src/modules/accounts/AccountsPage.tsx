import { Tabs, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { AccountsTab } from './AccountsTab';
import { IdReviewTab } from './IdReviewTab';
import { RequestsTab } from './RequestsTab';

/** Accounts, account requests and the ID review, as tabs; each shown only to who may use it. */
export function AccountsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useSearch({ from: '/app/accounts' });
  const canRead = useCan('accounts:read');
  const canRequest = useCan('accounts:request');
  const canApprove = useCan('accounts:approve');
  const tabs = [canRead && 'accounts', (canRead || canRequest || canApprove) && 'requests', canRead && 'review'].filter(
    (x): x is string => !!x,
  );
  const active = tab && tabs.includes(tab) ? tab : (tabs[0] ?? 'requests');
  return (
    <>
      <Title order={2} mb="md">
        {t('accounts.title')}
      </Title>
      <Tabs value={active} onChange={(v) => void navigate({ to: '/accounts', search: { tab: v ?? undefined } })}>
        <Tabs.List mb="md">
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`accounts-tab-${k}`}>
              {t(`accounts.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {active === 'accounts' && <AccountsTab />}
        {active === 'requests' && <RequestsTab />}
        {active === 'review' && <IdReviewTab />}
      </Tabs>
    </>
  );
}
