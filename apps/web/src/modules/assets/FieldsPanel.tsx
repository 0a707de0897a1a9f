import { ActionIcon, Button, Checkbox, Group, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { FIELD_TYPES, saveFields, useAssetsMutation, useFields, type CustomField } from './api';

/** The custom fields every asset takes (text, number, date, list), edited by the security office. */
export function FieldsPanel() {
  const { t } = useTranslation();
  const canConfigure = useCan('isms:configure');
  const fields = useFields();
  const [draft, setDraft] = useState<CustomField[] | null>(null);
  const save = useAssetsMutation(({ f, v }: { f: CustomField[]; v: number }) => saveFields(f, v));
  const value = draft ?? fields.data?.value;
  if (!value || !fields.data) return <ProblemAlert error={fields.error} />;
  const editing = draft !== null;
  const set = (i: number, patch: Partial<CustomField>) => setDraft(value.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const submit = async () => {
    const ok = await save.mutateAsync({ f: value, v: fields.data!.version }).catch(() => null);
    if (ok) {
      setDraft(null);
      notifySuccess(t('common.saved'));
    }
  };
  return (
    <Stack data-testid="fields-panel">
      <Group justify="flex-end">
        {canConfigure &&
          (editing ? (
            <Group>
              <Button
                variant="default"
                onClick={() =>
                  setDraft([...value, { key: '', labelJa: '', labelEn: '', type: 'text', options: [], required: false }])
                }
                data-testid="fields-add"
              >
                {t('assets.fields.add')}
              </Button>
              <Button variant="default" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => void submit()} loading={save.isPending} data-testid="fields-save">
                {t('common.save')}
              </Button>
            </Group>
          ) : (
            <Button variant="default" onClick={() => setDraft(structuredClone(value))} data-testid="fields-edit">
              {t('common.edit')}
            </Button>
          ))}
      </Group>
      <ProblemAlert error={save.error} />
      {value.length === 0 && <Text c="dimmed">{t('assets.fields.none')}</Text>}
      {value.length > 0 && (
        <Table data-testid="fields-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assets.fields.key')}</Table.Th>
              <Table.Th>{t('assets.settings.nameJa')}</Table.Th>
              <Table.Th>{t('assets.settings.nameEn')}</Table.Th>
              <Table.Th>{t('assets.fields.type')}</Table.Th>
              <Table.Th>{t('assets.fields.options')}</Table.Th>
              <Table.Th>{t('assets.fields.required')}</Table.Th>
              {editing && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.map((f, i) =>
              editing ? (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      aria-label={t('assets.fields.key')}
                      value={f.key}
                      onChange={(e) => set(i, { key: e.currentTarget.value })}
                      w={130}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('assets.settings.nameJa')}
                      value={f.labelJa}
                      onChange={(e) => set(i, { labelJa: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('assets.settings.nameEn')}
                      value={f.labelEn}
                      onChange={(e) => set(i, { labelEn: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('assets.fields.type')}
                      allowDeselect={false}
                      value={f.type}
                      onChange={(x) => set(i, { type: (x ?? 'text') as CustomField['type'] })}
                      data={FIELD_TYPES.map((x) => ({ value: x, label: t(`assets.fields.types.${x}`) }))}
                      w={120}
                    />
                  </Table.Td>
                  <Table.Td>
                    {f.type === 'list' && (
                      <TagsInput
                        aria-label={t('assets.fields.options')}
                        value={f.options}
                        onChange={(x) => set(i, { options: x })}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('assets.fields.required')}
                      checked={f.required}
                      onChange={(e) => set(i, { required: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('common.delete')}
                      onClick={() => setDraft(value.filter((_, j) => j !== i))}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ) : (
                <Table.Tr key={f.key}>
                  <Table.Td>{f.key}</Table.Td>
                  <Table.Td>{f.labelJa}</Table.Td>
                  <Table.Td>{f.labelEn}</Table.Td>
                  <Table.Td>{t(`assets.fields.types.${f.type}`)}</Table.Td>
                  <Table.Td>{f.options.join(', ')}</Table.Td>
                  <Table.Td>{f.required ? t('assets.yes') : ''}</Table.Td>
                </Table.Tr>
              ),
            )}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
