/** The parts of @secvisogram/csaf-validator-lib (plain JavaScript) that Mamori calls. */
declare module '@secvisogram/csaf-validator-lib/lib/validate.js' {
  /** The library's runner: each test on the document, in order (validateStrict.js wraps it). */
  interface Finding {
    message: string;
    instancePath: string;
  }
  interface TestResult {
    name: string;
    isValid?: boolean;
    errors: Finding[];
    warnings: Finding[];
    infos: Finding[];
  }
  export type DocumentTest = (doc: unknown) => unknown;
  export interface ValidationResult {
    isValid: boolean;
    tests: TestResult[];
  }
  export default function validate(tests: DocumentTest[], doc: unknown): Promise<ValidationResult>;
}
declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  import type { DocumentTest } from '@secvisogram/csaf-validator-lib/lib/validate.js';
  export const csaf_2_0: DocumentTest;
  export const csaf_2_0_strict: DocumentTest;
}
declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js' {
  import type { DocumentTest } from '@secvisogram/csaf-validator-lib/lib/validate.js';
  /** every mandatory test, as named exports */
  export const mandatoryTest_6_1_1: DocumentTest;
}
declare module '@secvisogram/csaf-validator-lib/cwe.js' {
  export const weaknesses: { id: string; name: string }[];
}
