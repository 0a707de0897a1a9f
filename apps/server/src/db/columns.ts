import { customType } from 'drizzle-orm/pg-core';

/**
 * A file's bytes (`bytea`), as a Buffer on both drivers: node-postgres returns a Buffer, PGlite a Uint8Array. Table
 * files share this one definition (eleven copies stood in as many table files before session 9).
 */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
