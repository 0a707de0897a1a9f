/** exceljs's style (de)serialisers: not in its public types; xlsx-write.ts teaches them the quotePrefix attribute. */
declare module 'exceljs/lib/xlsx/xform/style/style-xform.js' {
  interface XmlStream {
    openNode(name: string, attributes?: Record<string, unknown>): void;
    addAttribute(name: string, value: unknown): void;
  }
  interface XfModel {
    quotePrefix?: boolean;
    [key: string]: unknown;
  }
  class StyleXform {
    model: XfModel;
    render(xmlStream: XmlStream, model: XfModel): void;
    parseOpen(node: { name: string; attributes: Record<string, string> }): boolean;
  }
  export default StyleXform;
}
declare module 'exceljs/lib/xlsx/xform/style/styles-xform.js' {
  class StylesXform {
    model: { styles: { quotePrefix?: boolean }[] };
    addStyleModel(model: Record<string, unknown> | undefined, cellType?: number): number;
    getStyleModel(id: number): Record<string, unknown> | null;
    _addStyle(style: Record<string, unknown>): number;
  }
  export default StylesXform;
}
