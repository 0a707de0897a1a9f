import { Badge, Button, CloseButton, Group, Modal, MultiSelect, Stack, Switch, Text } from '@mantine/core';
import { ENTRY_METHODS, ROLES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useZoneMutation, type Zone } from './api';
import { PersonPicker } from './parts';

type Person = { id: string; nameJa: string; nameEn: string };
/** Roles a zone may let in: every internal role (a partner account never enters by role). */
const ENTRY_ROLES = ROLES.filter((r) => r !== 'partner_user');

/**
 * Who may enter a zone, for its managers: all staff, or named roles and people; and how entry is controlled. Saved
 * with If-Match: a zone changed meanwhile by someone else is refused (412) and shown, nothing overwritten.
 */
export function EntryEditor({ zone, onClose }: { zone: Zone; onClose: () => void }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const save = useZoneMutation(zone.id);
  const [entryAll, setEntryAll] = useState(zone.entryAll);
  const [roles, setRoles] = useState<string[]>(zone.entryRoles);
  const [people, setPeople] = useState<Person[]>(zone.entryPeople);
  const [methods, setMethods] = useState<string[]>(zone.entryMethods);
  const [picking, setPicking] = useState<string | null>(null);
  const submit = () =>
    save.mutate(
      {
        body: { entryAll, entryRoles: roles, entryPersonIds: people.map((p) => p.id), entryMethods: methods },
        ifMatch: zone.rowVersion,
      },
      {
        onSuccess: () => {
          notifySuccess(t('zonePages.saved'));
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('zonePages.entryEdit.title')} size="lg">
      <Stack gap="sm" data-testid="zone-entry-editor">
        <Switch
          label={t('zonePages.entry.all')}
          checked={entryAll}
          onChange={(e) => setEntryAll(e.currentTarget.checked)}
          data-testid="zone-entry-all"
        />
        <MultiSelect
          label={t('zonePages.entryEdit.roles')}
          data={ENTRY_ROLES.map((r) => ({ value: r, label: t(`enum.role.${r}`, { defaultValue: r }) }))}
          value={roles}
          onChange={setRoles}
          disabled={entryAll}
          error={fieldError(save.error, 'entryRoles')}
          searchable
        />
        <div>
          <Text size="sm" fw={500}>
            {t('zonePages.entryEdit.people')}
          </Text>
          <Group gap={6} mt={4} data-testid="zone-entry-people">
            {people.map((p) => (
              <Badge
                key={p.id}
                variant="light"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={t('zonePages.entryEdit.remove', { name: name(p) })}
                    onClick={() => setPeople(people.filter((x) => x.id !== p.id))}
                    disabled={entryAll}
                  />
                }
              >
                {name(p)}
              </Badge>
            ))}
            {people.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('zonePages.entryEdit.nobody')}
              </Text>
            )}
          </Group>
          <PersonPicker
            label={t('zonePages.entryEdit.add')}
            value={picking}
            onChange={(id, person) => {
              setPicking(null);
              if (id && person && !people.some((p) => p.id === id)) setPeople([...people, person]);
            }}
            error={fieldError(save.error, 'entryPersonIds')}
            testId="zone-entry-add"
          />
        </div>
        <MultiSelect
          label={t('zonePages.field.methods')}
          data={ENTRY_METHODS.map((m) => ({ value: m, label: t(`zonePages.method.${m}`) }))}
          value={methods}
          onChange={setMethods}
          error={fieldError(save.error, 'entryMethods')}
        />
        <ProblemAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="zone-entry-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
