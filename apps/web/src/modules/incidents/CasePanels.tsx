import { FSIRT_INCIDENT_TYPE } from '@mamori/contracts';
import { useCan } from '../../app/useCan';
import { ProductionImpactPanel } from '../systems/ProductionImpactPanel';
import type { Incident } from './api';
import { EvidencePanel } from './EvidencePanel';
import { MembersPanel } from './MembersPanel';
import { StepPanel } from './StepPanel';
import { SummaryPanel } from './SummaryPanel';
import { TasksPanel } from './TasksPanel';
import { TimelinePanel } from './TimelinePanel';

/**
 * The working part of a case, below its facts: step, clocks, record, tasks, people, evidence and the anonymised
 * summary. A chunk of its own (CasePage loads it lazily), so the case's title and facts render as soon as the case
 * has loaded, without waiting for the forms, selects and tables of the panels.
 */
export function CasePanels({ incident: c }: { incident: Incident }) {
  const canAnalyse = useCan('incidents:analyse');
  return (
    <>
      {c.can.manage && <StepPanel incident={c} />}
      {c.typeId === FSIRT_INCIDENT_TYPE && <ProductionImpactPanel incidentId={c.id} canManage={c.can.manage} />}
      <TimelinePanel incidentId={c.id} canContribute={c.can.contribute} />
      <TasksPanel incidentId={c.id} canManage={c.can.manage} canContribute={c.can.contribute} />
      <MembersPanel incidentId={c.id} canManage={c.can.manage} />
      <EvidencePanel incidentId={c.id} canManage={c.can.manage} canContribute={c.can.contribute} />
      {canAnalyse && <SummaryPanel incidentId={c.id} />}
    </>
  );
}
