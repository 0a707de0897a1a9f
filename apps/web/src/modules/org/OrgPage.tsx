import { Button, Grid, Group, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { CsvImportModal } from '../../components/CsvImportModal';
import { useImportOrgUnits } from './api';
import { OrgTree } from './OrgTree';
import { OrgUnitFormModal } from './OrgUnitFormModal';
import { OrgUnitPanel } from './OrgUnitPanel';

export function OrgPage() {
  const { t } = useTranslation();
  const canManage = useCan('org:manage');
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const importUnits = useImportOrgUnits();
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('org.title')}</Title>
        {canManage && (
          <Group>
            <Button variant="default" onClick={() => setImporting(true)} data-testid="org-import">
              {t('import.button')}
            </Button>
            <Button onClick={() => setCreating(true)} data-testid="org-create">
              {t('org.createTop')}
            </Button>
          </Group>
        )}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="sm" mih={300}>
            <OrgTree selectedId={selected} onSelect={setSelected} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {selected ? <OrgUnitPanel id={selected} onSelect={setSelected} /> : <Text c="dimmed">{t('org.selectHint')}</Text>}
        </Grid.Col>
      </Grid>
      {creating && (
        <OrgUnitFormModal
          parentId={null}
          onClose={(saved) => {
            setCreating(false);
            if (saved) setSelected(saved.id);
          }}
        />
      )}
      <CsvImportModal
        opened={importing}
        onClose={() => {
          setImporting(false);
          importUnits.reset();
        }}
        title={t('org.importTitle')}
        header="code,parent_code,kind,name_ja,name_en"
        mutation={importUnits}
        testId="org-import-modal"
      />
    </>
  );
}
