/** The shapes of the demo group's units (modules/org/demo-data.ts), shared by its data files. */

export interface DemoUnit {
  /** Appended to the parent's code: DEMO-OSK-ISD-SEC. */
  code: string;
  ja: string;
  en: string;
}
export interface DemoDepartment extends DemoUnit {
  sections: DemoUnit[];
}
export interface DemoSite extends DemoUnit {
  /** How many people work at the site. */
  headcount: number;
  /** Which name list the site's people come from. */
  names: 'japanese' | 'singapore';
  language: 'ja' | 'en';
  /** The section (department-section codes) whose member runs the site security office. */
  securityOffice: string;
  departments: DemoDepartment[];
}

/** A section: code, Japanese and English names. */
export const sec = (code: string, ja: string, en: string): DemoUnit => ({ code, ja, en });
