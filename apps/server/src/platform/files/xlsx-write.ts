import type ExcelJS from 'exceljs';
import StyleXform from 'exceljs/lib/xlsx/xform/style/style-xform.js';
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform.js';

/**
 * Writing cells of exported workbooks so that no text ever becomes a formula ("CSV/formula injection").
 *
 * exceljs already stores a string as a text cell, so opening the file evaluates nothing; the danger is
 * editing: a spreadsheet re-parses a cell's text when the user presses F2/Enter on it, and `=HYPERLINK(…)`
 * or `=cmd|…` typed by an outsider into a title becomes live. A text cell whose style carries
 * `quotePrefix="1"` (ECMA-376 §18.8.45, what Excel writes for a text typed with a leading apostrophe; read
 * by LibreOffice too) stays text when edited, and the text itself is kept exactly, with no `'` added.
 *
 * Every export writes its rows through `addTextSafeRow` (or marks a row with `protectRow` before committing
 * it, for streamed sheets): each text cell that starts with = + - @ tab or CR gets that style.
 */
export const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** A text a spreadsheet would read as a formula (or the start of one) when the cell is edited. */
export const isFormulaLike = (v: unknown): v is string => typeof v === 'string' && FORMULA_TRIGGER.test(v);

/** Marks the row's formula-like text cells as "text, keep as typed" (quotePrefix). Returns the row. */
export function protectRow(row: ExcelJS.Row): ExcelJS.Row {
  row.eachCell({ includeEmpty: false }, (cell) => {
    if (isFormulaLike(cell.value)) cell.style = { ...cell.style, quotePrefix: true } as Partial<ExcelJS.Style>;
  });
  return row;
}

/** `ws.addRow(values)` with every formula-like text kept as text. Use this, never `addRow`, in an export. */
export function addTextSafeRow(ws: ExcelJS.Worksheet, values: unknown[] | Record<string, unknown>): ExcelJS.Row {
  return protectRow(ws.addRow(values));
}

/* ---- teaching exceljs 4.4 the quotePrefix attribute (it drops unknown style keys) ---------------------- */

let taught = false;

/** Idempotent; runs when this module loads. Writing and reading both keep `style.quotePrefix`. */
function teachQuotePrefix(): void {
  if (taught) return;
  taught = true;
  const styleProto = StyleXform.prototype;
  const render = styleProto.render;
  styleProto.render = function renderWithQuotePrefix(xmlStream, model) {
    if (!model?.quotePrefix) return render.call(this, xmlStream, model);
    // The attribute must follow the opening tag before any child element is written.
    const open = xmlStream.openNode;
    xmlStream.openNode = function openXf(name, attributes) {
      open.call(this, name, attributes);
      this.addAttribute('quotePrefix', '1');
      xmlStream.openNode = open;
    };
    try {
      render.call(this, xmlStream, model);
    } finally {
      xmlStream.openNode = open;
    }
  };
  const parseOpen = styleProto.parseOpen;
  styleProto.parseOpen = function parseOpenWithQuotePrefix(node) {
    const handled = parseOpen.call(this, node);
    if (node.name === 'xf' && node.attributes.quotePrefix === '1') this.model.quotePrefix = true;
    return handled;
  };

  const stylesProto = StylesXform.prototype;
  const addStyleModel = stylesProto.addStyleModel;
  const addStyle = stylesProto._addStyle;
  const pending = new WeakSet<object>();
  stylesProto.addStyleModel = function addStyleModelWithQuotePrefix(model, cellType) {
    if (!model?.quotePrefix) return addStyleModel.call(this, model, cellType);
    pending.add(this);
    try {
      return addStyleModel.call(this, model, cellType);
    } finally {
      pending.delete(this);
    }
  };
  stylesProto._addStyle = function addStyleWithQuotePrefix(style) {
    return addStyle.call(this, pending.has(this) ? { ...style, quotePrefix: true } : style);
  };
  const getStyleModel = stylesProto.getStyleModel;
  stylesProto.getStyleModel = function getStyleModelWithQuotePrefix(id) {
    const model = getStyleModel.call(this, id);
    if (model && this.model.styles[id]?.quotePrefix) model.quotePrefix = true;
    return model;
  };
}
teachQuotePrefix();
