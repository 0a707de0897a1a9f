import { describe, expect, it } from 'vitest';
import { checkXmlText } from './xml';

const limits = { maxDepth: 3, maxNodes: 6 };

describe('checkXmlText', () => {
  it('counts elements and attributes, and the depth of open elements only', () => {
    expect(() => checkXmlText('<?xml version="1.0"?><a x="1"><b><c/></b><b/></a>', limits)).not.toThrow();
    expect(() => checkXmlText('<a><b><c><d/></c></b></a>', limits)).toThrow(/nested more than 3/);
    expect(() => checkXmlText('<a><b/><b/><b/><b/><b/><b/></a>', limits)).toThrow(/more than 6 elements/);
  });

  it('skips comments, CDATA and quoted attribute values that hold markup', () => {
    const xml = '<a t="<b><b><b>" u=\'>\'><!-- <b><b><b><b> --><![CDATA[<b><b><b><b>]]><b/></a>';
    expect(() => checkXmlText(xml, limits)).not.toThrow();
  });
});
