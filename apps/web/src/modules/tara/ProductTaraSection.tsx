import { Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from './AnchorLink';
import { ProblemAlert } from '../../components/problem';
import { useCreateTara, useTaraList } from './api';

/** On a product's page: its ISO/SAE 21434 analyses, and a new one (texts from the shell catalogue's `tara`). */
export function ProductTaraSection({ productId, canManage }: { productId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useTaraList(productId);
  const create = useCreateTara();
  const [title, setTitle] = useState('');
  return (
    <Paper withBorder p="md" data-testid="product-tara">
      <Stack gap="xs">
        <Title order={3}>{t('tara.section.title')}</Title>
        {list.data?.items.length ? (
          list.data.items.map((a) => (
            <Group key={a.id} gap="xs">
              <AnchorLink to="/tara-analyses/$id" params={{ id: a.id }} data-testid="product-tara-link">
                {a.title} (v{a.methodVersion})
              </AnchorLink>
              {a.needsReview && (
                <Badge color="orange" size="sm" data-testid="product-tara-needs-review">
                  {t('tara.needsReview')}
                </Badge>
              )}
            </Group>
          ))
        ) : (
          <Text size="sm" c="dimmed">
            {t('tara.section.none')}
          </Text>
        )}
        {canManage && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(
                { productId, title },
                { onSuccess: (ws) => void navigate({ to: '/tara-analyses/$id', params: { id: ws.id } }) },
              );
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('tara.section.titleLabel')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                data-testid="tara-new-title"
              />
              <Button type="submit" variant="light" loading={create.isPending} data-testid="tara-new">
                {t('tara.section.new')}
              </Button>
            </Group>
            {create.error ? <ProblemAlert error={create.error} /> : null}
          </form>
        )}
      </Stack>
    </Paper>
  );
}
