export * from './access';
export * from './common';
export * from './auth';
export * from './org';
export * from './audit';
export * from './products';
export * from './vulnerabilities';
export * from './advisories';
