import type { Module } from '../../platform/http/module';

export const accountsModule: Module = () => async function accounts() {};
