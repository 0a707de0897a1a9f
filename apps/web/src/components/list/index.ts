export { DataList, type DataListProps, type ListSelection } from './DataList';
export { exportUrl, filterQuery, type ExportFormat } from './query';
export { useListState, type ListState } from './useListState';
export type { FilterValues, ListColumn, ListFilter, ListSource } from './types';
