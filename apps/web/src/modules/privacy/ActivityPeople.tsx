import { Badge, CloseButton, Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PersonSelect } from '../org/PersonSelect';

export interface PickedHandler {
  id: string;
  name: string;
}
export interface PickedProcessor {
  id: string;
  name: { ja: string; en: string };
}

function Chips<T extends { id: string }>(props: {
  items: T[];
  label: (item: T) => string;
  onRemove: (id: string) => void;
  disabled: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={6} data-testid={props.testId}>
      {props.items.map((item) => (
        <Badge
          key={item.id}
          variant="light"
          rightSection={
            props.disabled ? undefined : (
              <CloseButton
                size="xs"
                aria-label={t('privacy.register.remove', { name: props.label(item) })}
                onClick={() => props.onRemove(item.id)}
              />
            )
          }
        >
          {props.label(item)}
        </Badge>
      ))}
      {props.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('privacy.register.noneNamed')}
        </Text>
      )}
    </Group>
  );
}

/** Business partners by name (the processor picker). */
function PartnerSelect({ label, onPick }: { label: string; onPick: (p: PickedProcessor) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const found = useQuery({
    queryKey: ['partners', 'pick', q],
    enabled: q.length > 0,
    queryFn: () =>
      api<{ items: { id: string; nameJa: string; nameEn: string }[] }>('/partners', {
        query: { q, limit: 10, status: 'active' },
      }),
  });
  const items = found.data?.items ?? [];
  return (
    <Select
      label={label}
      placeholder={t('privacy.register.searchPartner')}
      searchable
      data={items.map((p) => ({ value: p.id, label: `${p.nameJa} / ${p.nameEn}` }))}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id) => {
        const p = items.find((x) => x.id === id);
        if (p) onPick({ id: p.id, name: { ja: p.nameJa, en: p.nameEn } });
        setSearch('');
      }}
      nothingFoundMessage={t('common.nothingFound')}
      data-testid="activity-processor-add"
    />
  );
}

/**
 * The people who handle the entry's personal data and the business partners who process it, picked by name. Whether
 * a handler passed the personal-data course and a processor's score and NDA are shown on the saved entry (the server
 * refuses a handler the training gate does not let through, naming the field).
 */
export function ActivityPeople(props: {
  handlers: PickedHandler[];
  processors: PickedProcessor[];
  onHandlers: (h: PickedHandler[]) => void;
  onProcessors: (p: PickedProcessor[]) => void;
  disabled: boolean;
  errors: { handlers?: string; processors?: string };
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { handlers, processors } = props;
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('privacy.fields.handlers')}</Text>
      <Chips
        items={handlers}
        label={(h) => h.name}
        onRemove={(id) => props.onHandlers(handlers.filter((h) => h.id !== id))}
        disabled={props.disabled}
        testId="activity-handlers"
      />
      {!props.disabled && (
        <PersonSelect
          label={t('privacy.register.addHandler')}
          value={null}
          onChange={(id, person) => {
            if (!id || !person || handlers.some((h) => h.id === id)) return;
            props.onHandlers([...handlers, { id, name: lang === 'ja' ? person.nameJa : person.nameEn || person.nameJa }]);
          }}
          error={props.errors.handlers}
          testId="activity-handler-add"
        />
      )}
      <Text fw={600} mt="xs">
        {t('privacy.fields.processors')}
      </Text>
      <Chips
        items={processors}
        label={(p) => p.name[lang] || p.name.ja}
        onRemove={(id) => props.onProcessors(processors.filter((p) => p.id !== id))}
        disabled={props.disabled}
        testId="activity-processors"
      />
      {!props.disabled && (
        <PartnerSelect
          label={t('privacy.register.addProcessor')}
          onPick={(p) => {
            if (!processors.some((x) => x.id === p.id)) props.onProcessors([...processors, p]);
          }}
        />
      )}
      {props.errors.processors && (
        <Text size="sm" c="red">
          {props.errors.processors}
        </Text>
      )}
    </Stack>
  );
}
