import type { CS_PROPERTIES, IMPACT_RATINGS, STRIDE, TARA_TREATMENTS } from '@mamori/contracts';

export type CsProperty = (typeof CS_PROPERTIES)[number];
export type ImpactRating = (typeof IMPACT_RATINGS)[number];
export type Stride = (typeof STRIDE)[number];
export type TaraTreatment = (typeof TARA_TREATMENTS)[number];
