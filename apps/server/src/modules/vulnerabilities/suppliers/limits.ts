/** The largest supplier CSAF document read, uploaded or fetched. */
export const SUPPLIER_CSAF_LIMIT = 20 * 1024 * 1024;
