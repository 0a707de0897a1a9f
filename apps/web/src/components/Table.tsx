import { Table as MantineTable, type TableProps } from '@mantine/core';

/**
 * Every table of the app: Mantine's, inside its own horizontal scroll box, so a wide table scrolls by itself at
 * phone width instead of making the whole page scroll sideways; below `minWidth` (640 px unless a table says
 * otherwise) it keeps its width and scrolls, so columns and badges are never squeezed into slivers. The box is
 * focusable, so keyboard users can scroll it too. Import this `Table`, never Mantine's (eslint says so).
 */
function ScrollingTable({ minWidth = 640, ...props }: TableProps & { minWidth?: number }) {
  return (
    <MantineTable.ScrollContainer minWidth={minWidth} type="native" tabIndex={0}>
      <MantineTable {...props} />
    </MantineTable.ScrollContainer>
  );
}

export const Table = Object.assign(ScrollingTable, {
  Thead: MantineTable.Thead,
  Tbody: MantineTable.Tbody,
  Tfoot: MantineTable.Tfoot,
  Tr: MantineTable.Tr,
  Th: MantineTable.Th,
  Td: MantineTable.Td,
  Caption: MantineTable.Caption,
});
