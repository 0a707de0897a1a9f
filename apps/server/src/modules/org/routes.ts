import type { Module } from '../../platform/http/module';

export const orgModule: Module = () => async function org() {};
