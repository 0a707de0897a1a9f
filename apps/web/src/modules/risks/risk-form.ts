/** The risk form's values (selects hold strings) and their conversion from a risk and to the API's input. */
import type { AssetRef } from '../assets/AssetMultiSelect';
import type { Risk, RiskInput } from './api';

export type Form = {
  unitId: string | null;
  title: string;
  assets: AssetRef[];
  description: string;
  threatId: string | null;
  vulnerability: string;
  inherentLikelihood: string | null;
  inherentImpact: string | null;
  controlIds: string[];
  residualLikelihood: string | null;
  residualImpact: string | null;
  treatment: string | null;
  plan: string;
  ownerId: string | null;
  dueDate: string;
  status: string | null;
};

export const fromRisk = (r: Risk): Form => ({
  unitId: r.unitId,
  title: r.title,
  assets: r.assets,
  description: r.description,
  threatId: r.threatId,
  vulnerability: r.vulnerability,
  inherentLikelihood: String(r.inherentLikelihood),
  inherentImpact: String(r.inherentImpact),
  controlIds: r.controlIds,
  residualLikelihood: String(r.residualLikelihood),
  residualImpact: String(r.residualImpact),
  treatment: r.treatment,
  plan: r.plan,
  ownerId: r.ownerId,
  dueDate: r.dueDate ?? '',
  status: r.status,
});
export const empty: Form = {
  unitId: null,
  title: '',
  assets: [],
  description: '',
  threatId: null,
  vulnerability: '',
  inherentLikelihood: null,
  inherentImpact: null,
  controlIds: [],
  residualLikelihood: null,
  residualImpact: null,
  treatment: 'reduce',
  plan: '',
  ownerId: null,
  dueDate: '',
  status: 'planned',
};

export const toInput = (form: Form): RiskInput => ({
  title: form.title,
  description: form.description,
  assetIds: form.assets.map((a) => a.id),
  threatId: form.threatId ?? '',
  vulnerability: form.vulnerability,
  inherentLikelihood: Number(form.inherentLikelihood),
  inherentImpact: Number(form.inherentImpact),
  controlIds: form.controlIds,
  residualLikelihood: Number(form.residualLikelihood),
  residualImpact: Number(form.residualImpact),
  treatment: (form.treatment ?? 'reduce') as RiskInput['treatment'],
  plan: form.plan,
  ownerId: form.ownerId ?? '',
  dueDate: form.dueDate || null,
  status: (form.status ?? 'planned') as RiskInput['status'],
});
