import { Select, SimpleGrid, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/problem';
import { FormModal } from '../tara/FormModal';
import { COMPONENT_TYPES, FR_KEYS, updateAssessment, useIecMutation, type Assessment, type SlTarget } from './api';

/** The component type, the target level of each FR and the note. */
export function TargetModal({ a, onClose }: { a: Assessment; onClose: () => void }) {
  const { t } = useTranslation();
  const [componentType, setType] = useState<string>(a.componentType);
  const [target, setTarget] = useState<SlTarget>(a.slTarget);
  const [note, setNote] = useState(a.note ?? '');
  const save = useIecMutation(() =>
    updateAssessment(a.productId, { componentType, slTarget: target, note: note.trim() || null }, a.rowVersion),
  );
  return (
    <FormModal
      title={t('iec62443.editTarget')}
      testId="iec62443-target-form"
      error={save.error}
      pending={save.isPending}
      onClose={onClose}
      onSubmit={() => save.mutate(undefined, { onSuccess: onClose })}
    >
      <Select
        label={t('iec62443.fields.componentType')}
        data={COMPONENT_TYPES.map((c) => ({ value: c, label: t(`iec62443.type.${c}`) }))}
        value={componentType}
        onChange={(v) => setType(v ?? a.componentType)}
        allowDeselect={false}
        error={fieldError(save.error, 'componentType')}
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {FR_KEYS.map((k, i) => (
          <Select
            key={k}
            label={`SL-T FR${i + 1}`}
            data={['1', '2', '3', '4']}
            value={String(target[k])}
            onChange={(v) => setTarget({ ...target, [k]: Number(v ?? target[k]) })}
            allowDeselect={false}
            error={fieldError(save.error, `slTarget.${k}`)}
            data-testid={`iec62443-target-${k}`}
          />
        ))}
      </SimpleGrid>
      <Textarea
        label={t('iec62443.fields.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}
